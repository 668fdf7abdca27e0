package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import dev.ssehub.testing.RawHttpConnection;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Sends thousands of malformed and hostile requests to a real hub over raw sockets while a
 * legitimate publisher and a control subscriber carry on: every hostile request is refused with a
 * 4xx (a problem document wherever the application answers; a 505 problem for a major HTTP version
 * other than 1, as RFC 9110 asks), nothing hangs, nothing leaks a stack trace, and the control
 * subscriber receives every legitimate update once, in order.
 *
 * <p>Reproduce a run with {@code -Dssehub.fuzz.seed=<seed>} (printed at the start); change its size
 * with {@code -Dssehub.fuzz.requests=<count>}.
 */
class HttpFuzzTest extends HubTest {

    private static final String LISTED_ORIGIN = "https://app.example.com";
    private static final long MAX_BODY = 16 * 1024;
    private static final String CONTROL_TOPIC = "fuzz/control";
    private static final int CONNECTIONS = 4;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LEGIT_INTERVAL = Duration.ofMillis(20);
    private static final int FAILURES_SHOWN = 20;

    private final List<String> legitIds = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());

    private record Failure(String defect, String answer, String request) {
        @Override
        public String toString() {
            return defect + ": " + answer + "\n    request: " + request;
        }
    }

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.CORS_ORIGINS, LISTED_ORIGIN);
        settings.put(Setting.MAX_BODY, Long.toString(MAX_BODY));
    }

    /** The updates the hub keeps, as its settings say. */
    protected int historySize() {
        return Integer.parseInt(Setting.HISTORY_SIZE.defaultValue());
    }

    /**
     * Whether the hub parses HTTP itself, as the standalone hub does (its launcher guards Grizzly's
     * parser). In a WAR the server's parser answers a malformed request line, framing or header
     * before the application sees it, as that server sees fit: those are not the hub's to test.
     */
    protected boolean theHubParsesHttp() {
        return true;
    }

    /** How many hostile requests to send, unless {@code -Dssehub.fuzz.requests} says. */
    protected int hostileRequests() {
        return 10_000;
    }

    @Test
    void hostileRequestsAreRefusedWhileLegitimateTrafficFlows() throws Exception {
        long seed = Long.getLong("ssehub.fuzz.seed", new SecureRandom().nextLong());
        int total = Integer.getInteger("ssehub.fuzz.requests", hostileRequests());
        System.out.println("HttpFuzzTest seed=" + seed + " requests=" + total + " (rerun with -Dssehub.fuzz.seed=" + seed + ")");
        HostileRequests requests = new HostileRequests(new TokenIssuer(KEY), KEY, LISTED_ORIGIN, CONTROL_TOPIC, MAX_BODY, historySize(),
                () -> legitIds, theHubParsesHttp());

        try (RawEventStream control = RawEventStream.open(URI.create(hubUri() + "?topic=" + CONTROL_TOPIC)).connected()) {
            publishLegit();
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(CONNECTIONS + 1);
            Future<?> publisher = threads.submit(() -> publishLegitimately(fuzzing));
            List<Future<Tally>> workers = new ArrayList<>();
            long started = System.nanoTime();
            for (int worker = 0; worker < CONNECTIONS; worker++) {
                Random random = new Random(seed + worker);
                int share = total / CONNECTIONS + (worker < total % CONNECTIONS ? 1 : 0);
                workers.add(threads.submit(() -> fuzz(requests, random, share)));
            }
            Tally tally = new Tally();
            for (Future<Tally> worker : workers) {
                tally.add(worker.get(5, TimeUnit.MINUTES));
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            fuzzing.set(false);
            publisher.get(30, TimeUnit.SECONDS);
            threads.shutdown();
            publishLegit();

            System.out.println("HttpFuzzTest seed=" + seed + " sent=" + tally.sent + " in " + elapsedMillis + " ms, legit updates=" + legitIds.size()
                    + ", by category " + tally.byCategory + ", by status " + tally.byStatus + ", failures=" + failures.size());
            assertThat(tally.sent).isEqualTo(total);
            Map<String, Long> failuresByDefect = failures.stream().collect(Collectors.groupingBy(Failure::defect, TreeMap::new, Collectors.counting()));
            assertThat(failures).as("hostile requests answered wrongly (seed " + seed + "): " + failuresByDefect + "; the first " + FAILURES_SHOWN)
                    .satisfies(list -> assertThat(list.subList(0, Math.min(list.size(), FAILURES_SHOWN))).isEmpty());
            assertThat(received(control)).as("what the control subscriber received").isEqualTo(legitIds);
        }
    }

    private void publishLegitimately(AtomicBoolean fuzzing) {
        try {
            while (fuzzing.get()) {
                publishLegit();
                Thread.sleep(LEGIT_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishLegit() {
        legitIds.add(publishOk(CONTROL_TOPIC, "legit-" + legitIds.size()));
    }

    /** The ids of the updates the control subscriber got, once every legitimate one arrived or the wait ran out. */
    private List<String> received(RawEventStream control) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (ids.size() < legitIds.size()) {
            RawEventStream.Event update = control.nextUpdate(Duration.ofSeconds(10));
            if (update == null) {
                break;
            }
            assertThat(update.data()).isEqualTo("legit-" + ids.size());
            ids.add(update.id());
        }
        RawEventStream.Event extra = control.nextUpdate(Duration.ofMillis(200));
        if (extra != null) {
            ids.add(extra.id());
        }
        return ids;
    }

    private Tally fuzz(HostileRequests requests, Random random, int count) throws IOException {
        Tally tally = new Tally();
        RawHttpConnection connection = null;
        HostileRequests.Request previous = null;
        try {
            for (int i = 0; i < count; i++) {
                HostileRequests.Request request = requests.next(random);
                if (connection == null || !connection.isOpen()) {
                    connection = RawHttpConnection.open(getBaseUri(), ANSWER_TIMEOUT);
                    previous = null;
                }
                RawHttpConnection.Answer answer;
                try {
                    answer = connection.exchange(request.bytes(), request.head());
                } catch (IOException e) {
                    connection.close();
                    fail(request, "no answer: " + e + (previous == null ? "" : "; the request before it on this connection: " + previous.printable()));
                    tally.count(request, 0);
                    continue;
                }
                previous = request;
                tally.count(request, answer.status());
                check(request, answer);
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        return tally;
    }

    private void check(HostileRequests.Request request, RawHttpConnection.Answer answer) {
        String body = answer.bodyText();
        if (body.contains("Exception") || body.contains("\tat ") || body.matches("(?s).*\\bat (dev|org|java|jakarta)\\..*")) {
            fail(request, "a stack trace in the answer: " + body);
        }
        String type = answer.header("Content-Type");
        if (request.parserSees() && !theHubParsesHttp()) {
            if (answer.status() >= 500) {
                fail(request, "the server's parser answered " + answer.status() + " " + type + " " + body);
            }
            return;
        }
        switch (request.expectation()) {
            case PROBLEM -> {
                if (answer.status() < 400 || answer.status() > 499 || !Problem.MEDIA_TYPE.toString().equals(type)) {
                    fail(request, answer.status() + " " + type + " " + body);
                }
            }
            case REFUSAL -> {
                boolean problem = Problem.MEDIA_TYPE.toString().equals(type);
                boolean bare = type == null && body.isEmpty();
                if (answer.status() < 400 || answer.status() > 499 || !(problem || bare)) {
                    fail(request, answer.status() + " " + type + " " + body);
                }
            }
            case VERSION_PROBLEM -> {
                if (answer.status() != 505 || !Problem.MEDIA_TYPE.toString().equals(type)) {
                    fail(request, answer.status() + " " + type + " " + body);
                }
            }
            case STREAM_FROM_EARLIEST -> {
                if (answer.status() != 200 || type == null || !type.startsWith("text/event-stream") || !"earliest".equals(answer.header("Last-Event-ID"))) {
                    fail(request, answer.status() + " " + type + " Last-Event-ID=" + answer.header("Last-Event-ID"));
                }
            }
        }
    }

    private void fail(HostileRequests.Request request, String what) {
        failures.add(new Failure(request.category() + " / " + request.defect(), what, request.printable()));
    }

    /** Answers counted by category and by status; status 0 means no answer. */
    private static final class Tally {
        private final Map<HostileRequests.Category, Integer> byCategory = new EnumMap<>(HostileRequests.Category.class);
        private final Map<Integer, Integer> byStatus = new TreeMap<>();
        private int sent;

        void count(HostileRequests.Request request, int status) {
            sent++;
            byCategory.merge(request.category(), 1, Integer::sum);
            byStatus.merge(status, 1, Integer::sum);
        }

        void add(Tally other) {
            sent += other.sent;
            other.byCategory.forEach((category, count) -> byCategory.merge(category, count, Integer::sum));
            other.byStatus.forEach((status, count) -> byStatus.merge(status, count, Integer::sum));
        }
    }
}
