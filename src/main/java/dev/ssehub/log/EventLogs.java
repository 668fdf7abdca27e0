package dev.ssehub.log;

import dev.ssehub.config.InvalidSettingException;
import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the event log that {@code SSEHUB_TRANSPORT} names, like a JDBC URL names a database. */
public final class EventLogs {

    private EventLogs() {
    }

    public static EventLog open(Settings settings) {
        if (settings.transport().startsWith("redis")) {
            try {
                return RedisEventLog.open(settings.transport(), settings.historySize(), settings.historyAge());
            } catch (RuntimeException e) {
                throw new InvalidSettingException(Setting.TRANSPORT, "cannot reach Redis at '" + settings.transport() + "': " + e.getMessage());
            }
        }
        Path directory = settings.fileLogDirectory();
        if (directory == null) {
            return new MemoryEventLog(settings.historySize(), settings.historyAge());
        }
        try {
            return FileEventLog.open(directory, settings.historySize(), settings.historyAge(), settings.fsync());
        } catch (IOException e) {
            throw new InvalidSettingException(Setting.TRANSPORT, "cannot open the file log in '" + directory + "': " + e.getMessage());
        }
    }
}
