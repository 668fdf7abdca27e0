package dev.ssehub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {

    private final LogLineFormatter formatter = new LogLineFormatter();

    @Test
    void oneLineOfTimeLevelLoggerAndMessage() {
        LogRecord record = new LogRecord(Level.INFO, "event=request method=POST path=/.well-known/mercure status=200");
        record.setLoggerName("dev.ssehub.http.RequestLog");
        record.setInstant(Instant.parse("2026-12-04T17:51:38.007Z"));
        assertThat(formatter.format(record)).isEqualTo("2026-12-04T17:51:38.007Z INFO dev.ssehub.http.RequestLog "
                + "event=request method=POST path=/.well-known/mercure status=200" + System.lineSeparator());
    }

    @Test
    void aThrowableFollowsOnTheNextLines() {
        LogRecord record = new LogRecord(Level.WARNING, "event=log_close_failed");
        record.setLoggerName("dev.ssehub.log.FileEventLog");
        record.setInstant(Instant.parse("2026-12-04T00:00:00Z"));
        record.setThrown(new IllegalStateException("disk gone"));
        assertThat(formatter.format(record)).startsWith("2026-12-04T00:00:00.000Z WARNING dev.ssehub.log.FileEventLog event=log_close_failed"
                + System.lineSeparator() + "java.lang.IllegalStateException: disk gone" + System.lineSeparator() + "\tat ");
    }
}
