package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.MetricsScrape;
import dev.ssehub.testing.RawEventStream;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics}: valid for Prometheus's own checker, and every hub metric moves as the hub
 * works. Values are compared with a reading taken first, so the test holds on a shared hub too.
 */
class MetricsTest extends HubTest {

    /** As the hub the integration tests start is configured; its 1 s heartbeat finds gone clients soon. */
    private static final int HISTORY_SIZE = 50;
    private static final String PUBLISHED = "ssehub_updates_published_total{outcome=\"%s\"}";
    private static final String CONNECTED = "ssehub_subscribers_connected";
    private static final String DELIVERIES = "ssehub_deliveries_total";

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.HISTORY_SIZE, Integer.toString(HISTORY_SIZE));
        settings.put(Setting.HEARTBEAT, "1s");
    }

    @Test
    void passesPromtoolAndCountsPublishingSubscribingDeliveryAndReplay() throws Exception {
        String topic = "https://example.com/metrics/" + System.nanoTime();
        // Deliveries are compared exactly: no subscriber of an earlier test may still be there.
        MetricsScrape before = MetricsScrape.awaitSample(getBaseUri(), CONNECTED, value -> value == 0);
        String duplicateId = "urn:metrics:" + System.nanoTime();
        try (RawEventStream live = RawEventStream.open(URI.create(hubUri() + "?topic=" + topic + "&topic=a&topic=b")).connected();
             RawEventStream other = RawEventStream.open(URI.create(hubUri() + "?topic=" + topic)).connected()) {
            publishOk(topic, "one");
            publishOk(new Form().param("topic", topic).param("data", "two").param("id", duplicateId));
            publishOk(new Form().param("topic", topic).param("data", "two").param("id", duplicateId));
            try (Response unauthorized = target(HUB_PATH).request().post(Entity.form(new Form().param("topic", topic)))) {
                assertThat(unauthorized.getStatus()).isEqualTo(401);
            }
            try (Response tooLarge = publish(new Form().param("topic", topic).param("data", "x".repeat(2 * 1024 * 1024)))) {
                assertThat(tooLarge.getStatus()).isEqualTo(413);
            }
            for (RawEventStream stream : new RawEventStream[] {live, other}) {
                assertThat(stream.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("one");
                assertThat(stream.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("two");
            }
            MetricsScrape during = MetricsScrape.awaitSample(getBaseUri(), DELIVERIES, value -> value >= before.value(DELIVERIES) + 4);
            assertThat(during.value(DELIVERIES)).isEqualTo(before.value(DELIVERIES) + 4);
            assertThat(during.value(CONNECTED)).isGreaterThanOrEqualTo(2);
            assertIncreased(before, during, PUBLISHED.formatted("accepted"), 2);
            assertIncreased(before, during, PUBLISHED.formatted("duplicate"), 1);
            assertIncreased(before, during, PUBLISHED.formatted("rejected"), 2);
            assertIncreased(before, during, PUBLISHED.formatted("unavailable"), 0);
            assertIncreased(before, during, "ssehub_publish_duration_seconds_count", 3);
            assertIncreased(before, during, "ssehub_subscribers_total", 2);
            assertIncreased(before, during, "ssehub_subscription_selectors_count", 2);
            assertIncreased(before, during, "ssehub_subscription_selectors_sum", 4);
            assertIncreased(before, during, "ssehub_subscription_selectors_bucket{le=\"2.0\"}", 1);
            assertIncreased(before, during, "ssehub_subscription_selectors_bucket{le=\"5.0\"}", 2);
            assertThat(during.value("ssehub_log_retained_updates"))
                    .isEqualTo(Math.min(before.value("ssehub_log_retained_updates") + 2, HISTORY_SIZE));

            try (RawEventStream replaying = RawEventStream.open(URI.create(hubUri() + "?topic=" + topic), "Last-Event-ID", "earliest").connected()) {
                assertThat(replaying.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("one");
                assertThat(replaying.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("two");
                MetricsScrape replayed = MetricsScrape.of(getBaseUri());
                assertIncreased(during, replayed, "ssehub_catchup_updates_replayed_total", 2);
                assertIncreased(during, replayed, DELIVERIES, 0);
                assertPromtoolAccepts(replayed);
            }
            double connected = during.value(CONNECTED);
            live.close();
            other.close();
            MetricsScrape.awaitSample(getBaseUri(), CONNECTED, value -> value <= connected - 2);
        }
    }

    @Test
    void answersInThePrometheusTextFormatWithTheJvmsOwnMetrics() {
        MetricsScrape scrape = MetricsScrape.of(getBaseUri());
        MediaType type = MediaType.valueOf(scrape.contentType());
        assertThat(type.isCompatible(MediaType.TEXT_PLAIN_TYPE)).isTrue();
        assertThat(type.getParameters()).containsEntry("version", "0.0.4");
        assertThat(type.getParameters().get("charset")).isEqualToIgnoringCase("utf-8");
        assertThat(scrape.value("ssehub_slow_subscribers_cut_off_total")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("ssehub_subscribers_refused_total")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("process_cpu_seconds_total")).isPositive();
        assertThat(scrape.body()).contains("jvm_memory_used_bytes{area=\"heap\"}", "jvm_threads_current");
    }

    private static void assertIncreased(MetricsScrape before, MetricsScrape after, String sample, double by) {
        assertThat(after.value(sample)).as(sample).isEqualTo(before.value(sample) + by);
    }

    /** promtool must be there: a check that quietly did not run would prove nothing. */
    private static void assertPromtoolAccepts(MetricsScrape scrape) throws IOException, InterruptedException {
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (Debian package prometheus): run `make test-deps`", e);
        }
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.body().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(promtool.exitValue()).as(output).isZero();
    }
}
