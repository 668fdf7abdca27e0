package dev.ssehub.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ssehub.RunningHub;
import dev.ssehub.client.Publication;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.testing.RedisServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the committing code sees when the hub cannot take an update after the commit. The commit
 * itself is CDI's and the server's (OrdersOnCommitIT checks it on Open Liberty); this calls the
 * observer as CDI does once a transaction has committed.
 */
class PublishOnCommitTest {

    @Test
    void anUpdateTheLogRefusesAfterTheCommitIsCountedAndLoggedWithoutFailingTheCommittedCode(@TempDir Path redisData) throws Exception {
        try (RedisServer redis = RedisServer.start(redisData)) {
            RunningHub running = new RunningHub(Settings.from(Map.of(Setting.JWT_KEY, "a-test-secret-that-is-long-enough-for-hs256",
                    Setting.DRAIN, "0", Setting.TRANSPORT, redis.uri())));
            try {
                PublishOnCommit observer = new PublishOnCommit();
                observer.publisher = new InProcessPublisher(running.hub());
                redis.stop();

                assertThatCode(() -> observer.publishCommitted(Publication.to("https://example.com/orders/42").data("shipped")))
                        .doesNotThrowAnyException();

                ByteArrayOutputStream exposition = new ByteArrayOutputStream();
                new PrometheusTextFormatWriter(false).write(exposition, running.hub().metrics().registry().scrape());
                assertThat(exposition.toString(StandardCharsets.UTF_8)).contains("ssehub_updates_published_total{outcome=\"unavailable\"} 1.0");
            } finally {
                running.close();
            }
        }
    }
}

