package dev.ssehub.stream;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The threads that write to subscribers' channels, one per core: each stream belongs to one of
 * them, so its flushes never run twice at once and the dispatcher never writes to a socket.
 */
public final class Writers implements AutoCloseable {

    private final ExecutorService[] threads;

    public Writers(int count) {
        threads = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "ssehub-writer-" + (i + 1);
            threads[i] = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** One writer per core of this machine. */
    public static Writers perCore() {
        return new Writers(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** The writer of the stream with this serial number. */
    public Executor forStream(long serial) {
        ExecutorService thread = threads[(int) Math.floorMod(serial, (long) threads.length)];
        return task -> {
            try {
                thread.execute(task);
            } catch (RejectedExecutionException e) {
                // The hub has stopped: its streams are closed by the server.
            }
        };
    }

    @Override
    public void close() {
        for (ExecutorService thread : threads) {
            thread.shutdownNow();
        }
    }
}
