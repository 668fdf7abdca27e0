package dev.ssehub.cli;

import java.util.logging.LogManager;

/**
 * Keeps the log open while the hub drains on SIGTERM. The JDK's logging registers a shutdown hook
 * of its own that closes every handler, and shutdown hooks run at the same time, so the lines the
 * drain writes (how many streams it closed, how long it took) would be lost. Handlers left open
 * lose nothing: the console handler flushes every record.
 */
public final class ShutdownLogManager extends LogManager {

    @Override
    public void reset() {
        boolean jdkShutdownHook = Thread.currentThread().getClass().getEnclosingClass() == LogManager.class;
        if (!jdkShutdownHook) {
            super.reset();
        }
    }
}
