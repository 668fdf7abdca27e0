package dev.ssehub.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub settings every Mercure target of the bench runs with, standalone or in the WAR, as
 * {@code SSEHUB_*} environment variables: a hub of another commit ignores one it does not know,
 * where it would refuse an unknown flag. Nchan's configuration mirrors the history and heartbeat.
 */
record HubSettings(String jwtKey, Map<String, String> log) {

    static final int HEARTBEAT_SECONDS = 30;
    static final int HISTORY_SIZE = 10_000;

    /** With the key alone, on the default log ({@code memory:}). */
    HubSettings(String jwtKey) {
        this(jwtKey, Map.of());
    }

    /** These settings on the log that {@code log}'s variables name. */
    HubSettings with(Map<String, String> log) {
        return new HubSettings(jwtKey, log);
    }

    /** The standalone hub's address and these settings. */
    Map<String, String> environment(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SSEHUB_PORT", Integer.toString(port));
        env.put("SSEHUB_HOST", "127.0.0.1");
        env.putAll(environment());
        return env;
    }

    /** The settings without an address, which an app server gives its own way. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SSEHUB_JWT_KEY", jwtKey);
        env.put("SSEHUB_HEARTBEAT", HEARTBEAT_SECONDS + "s");
        env.put("SSEHUB_HISTORY_SIZE", Integer.toString(HISTORY_SIZE));
        // Stopping with thousands of streams open closes them at once instead of over 10 s after every run.
        env.put("SSEHUB_DRAIN", "0s");
        env.putAll(log);
        return env;
    }

    /** The settings as the report shows them, the key left out. */
    static String described() {
        return "`SSEHUB_JWT_KEY=<key> SSEHUB_HEARTBEAT=" + HEARTBEAT_SECONDS + "s SSEHUB_HISTORY_SIZE=" + HISTORY_SIZE + " SSEHUB_DRAIN=0s`";
    }
}
