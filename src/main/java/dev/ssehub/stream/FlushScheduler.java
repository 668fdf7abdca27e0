package dev.ssehub.stream;

import java.util.concurrent.Executor;

/** Where a stream's flushes run: now, or at a later moment. */
public interface FlushScheduler extends Executor {

    /** Runs the task no sooner than at {@code dueNanos} ({@link System#nanoTime()}). */
    void executeAt(Runnable task, long dueNanos);
}
