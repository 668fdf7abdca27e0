package dev.ssehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CliRoundTripTest extends HubTest {

    private static final String DATA = "{\n  \"a\": 1,\n\t\"b\": 2\n}\nsecond: with a colon\n\ndata: not a field\nGrüße 世界 🚀 ✓\n";

    @Test
    void anUpdateWithIndentedMultiLineUnicodeDataRoundTripsUnchanged() throws Exception {
        ByteArrayOutputStream subscribed = new ByteArrayOutputStream();
        CompletableFuture<Integer> subscriber = CompletableFuture.supplyAsync(() -> Cli.run(
                new String[] {"subscribe", "--hub", hubUri().toString(), "--topic", "cli/{room}", "--format", "json", "--count", "1"},
                Map.of(), new PrintStream(subscribed, true, StandardCharsets.UTF_8), System.err));
        for (int i = 0; i < 500 && localHub().orElseThrow().subscriberCount() == 0; i++) {
            Thread.sleep(10);
        }

        ByteArrayOutputStream published = new ByteArrayOutputStream();
        int publishExit = Cli.run(new String[] {"publish", "--hub", hubUri().toString(), "--topic", "cli/lobby", "--data", DATA,
                "--type", "chat", "--jwt-key", KEY}, Map.of(), new PrintStream(published, true, StandardCharsets.UTF_8), System.err);
        assertThat(publishExit).isZero();
        String id = published.toString(StandardCharsets.UTF_8).strip();

        assertThat(subscriber.get(15, TimeUnit.SECONDS)).isZero();
        JsonObject update = Json.createReader(new StringReader(subscribed.toString(StandardCharsets.UTF_8).strip())).readObject();
        assertThat(update.getString("id")).isEqualTo(id);
        assertThat(update.getString("type")).isEqualTo("chat");
        assertThat(update.getString("data")).isEqualTo(DATA);
    }

    @Test
    void aRefusedPublicationExitsWithTwoAndOneLineOnStandardError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"publish", "--hub", hubUri().toString(), "--topic", "t", "--token", "forged"},
                Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("ssehub: the hub answered 401").doesNotContain("\n");
    }

    @Test
    void aUsageErrorExitsWithOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"publish", "--data", "no topic"}, Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--topic");
    }
}
