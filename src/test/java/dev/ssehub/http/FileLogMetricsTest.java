package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.MetricsScrape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file log also reports what it holds on disk. */
class FileLogMetricsTest extends HubTest {

    /** Static: the hub is configured while the test instance is built, before instance fields are injected. */
    @TempDir
    static Path directory;

    @Override
    protected void settings(Map<Setting, String> settings) {
        settings.put(Setting.TRANSPORT, "file:" + directory);
    }

    @Test
    void theStoredBytesGrowWithEachUpdate() {
        double before = MetricsScrape.of(getBaseUri()).value("ssehub_log_stored_bytes");
        publishOk("https://example.com/stored", "x".repeat(1000));
        MetricsScrape after = MetricsScrape.of(getBaseUri());
        assertThat(after.value("ssehub_log_stored_bytes")).isGreaterThan(before + 1000);
        assertThat(after.value("ssehub_log_retained_updates")).isEqualTo(1);
    }
}
