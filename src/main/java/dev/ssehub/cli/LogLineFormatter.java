package dev.ssehub.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The standalone hub's log line: time (UTC), level, logger, message, and a stack trace when there
 * is one. The JDK's {@code SimpleFormatter} gives the same line from a format string, which it
 * parses again for every record: with one request line per publish, that parsing cost more than
 * serving many a publish.
 */
public final class LogLineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        TIME.formatTo(record.getInstant(), line);
        line.append(' ').append(record.getLevel().getLocalizedName())
                .append(' ').append(record.getLoggerName())
                .append(' ').append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter writer = new PrintWriter(trace)) {
                writer.println();
                record.getThrown().printStackTrace(writer);
            }
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }
}
