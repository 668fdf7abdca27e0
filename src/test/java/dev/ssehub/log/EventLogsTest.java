package dev.ssehub.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogsTest {

    private static final String KEY = "a-test-secret-that-is-long-enough-for-hs256";

    @Test
    void theUrlChoosesTheLog(@TempDir Path directory) {
        try (EventLog memory = EventLogs.open(settings("memory:"))) {
            assertThat(memory).isInstanceOf(MemoryEventLog.class);
        }
        try (EventLog file = EventLogs.open(settings("file:" + directory))) {
            assertThat(file).isInstanceOf(FileEventLog.class);
            assertThat(file.isReady()).isTrue();
        }
    }

    @Test
    void aDirectoryThatCannotBeOpenedStopsTheStartWithOneLine() {
        assertThatThrownBy(() -> EventLogs.open(settings("file:/proc/ssehub-cannot-live-here")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("SSEHUB_TRANSPORT (--transport): cannot open the file log in '/proc/ssehub-cannot-live-here'")
                .hasMessageNotContaining("\n");
    }

    private static Settings settings(String transport) {
        return Settings.from(Map.of(Setting.JWT_KEY, KEY, Setting.TRANSPORT, transport));
    }
}
