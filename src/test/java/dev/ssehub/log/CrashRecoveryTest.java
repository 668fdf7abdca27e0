package dev.ssehub.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.testing.HubProcess;
import dev.ssehub.testing.RawEventStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub in a process of its own on the file log, killed with SIGKILL while publishers post. */
class CrashRecoveryTest {

    private static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String TOKEN = new TokenIssuer(KEY).issue(List.of("*"), List.of("*"), Duration.ofHours(1));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path directory;

    private HubProcess process;
    private URI hub;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.kill();
        }
    }

    /** Enough publishers at once that acknowledgements come from forces shared between them (the log's group commit). */
    private static final int PUBLISHERS = 8;

    @Test
    void everyAcknowledgedUpdateIsReplayedInOrderOnceAfterAKillAndATornTail() throws Exception {
        process = startHub(0);
        hub = process.hubUri();
        List<List<String>> acknowledged = new ArrayList<>();
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            List<String> own = new CopyOnWriteArrayList<>();
            acknowledged.add(own);
            String prefix = "p" + p + "-u-";
            Thread publisher = new Thread(() -> {
                for (int i = 0; ; i++) {
                    try {
                        HttpResponse<String> response = HTTP.send(publish(prefix + i), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            return;
                        }
                        own.add(response.body());
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            publisher.start();
            publishers.add(publisher);
        }
        // Some acknowledged updates first, however slowly this machine syncs, then the kill at a random moment.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (total(acknowledged) <= 10 * PUBLISHERS && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(ThreadLocalRandom.current().nextInt(1000));
        process.kill();
        for (Thread publisher : publishers) {
            publisher.join(10_000);
        }
        assertThat(total(acknowledged)).isGreaterThan(10 * PUBLISHERS);

        Files.write(lastSegment(), new byte[] {0, 0, 0, 42, 7, 7, 7}, StandardOpenOption.APPEND);
        process = startHub(process.port());

        List<String> replayed = readAll(RawEventStream.open(URI.create(hub + "?topic=crash&lastEventID=earliest")));
        assertThat(replayed).doesNotHaveDuplicates();
        for (int p = 0; p < PUBLISHERS; p++) {
            String prefix = "p" + p + "-u-";
            List<String> own = acknowledged.get(p);
            List<String> replayedOwn = replayed.stream().filter(id -> id.startsWith(prefix)).toList();
            assertThat(replayedOwn.subList(0, own.size())).as(prefix).containsExactlyElementsOf(own);
            assertThat(replayedOwn.size() - own.size()).as("at most the one update of " + prefix + " in flight at the kill").isLessThanOrEqualTo(1);
        }

        String middle = replayed.get(replayed.size() / 2);
        List<String> resumed = readAll(RawEventStream.open(URI.create(hub + "?topic=crash"), "Last-Event-ID", middle));
        assertThat(resumed).containsExactlyElementsOf(replayed.subList(replayed.indexOf(middle) + 1, replayed.size()));

        HttpResponse<String> after = HTTP.send(publish("after-restart"), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
    }

    private static int total(List<List<String>> acknowledged) {
        return acknowledged.stream().mapToInt(List::size).sum();
    }

    private List<String> readAll(RawEventStream stream) throws InterruptedException {
        try (stream) {
            List<String> ids = new ArrayList<>();
            RawEventStream.Event event;
            while ((event = stream.nextUpdate(Duration.ofSeconds(2))) != null) {
                ids.add(event.id());
            }
            return ids;
        }
    }

    private HttpRequest publish(String id) {
        return HttpRequest.newBuilder(hub)
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=crash&id=" + id + "&data=payload-" + id))
                .build();
    }

    private HubProcess startHub(int port) throws Exception {
        String[] flags = {"--jwt-key", KEY, "--transport", "file:" + directory, "--history-size", "1000000"};
        return port == 0 ? HubProcess.start(flags) : HubProcess.start(port, flags);
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".log")).sorted().reduce((first, second) -> second).orElseThrow();
        }
    }
}
