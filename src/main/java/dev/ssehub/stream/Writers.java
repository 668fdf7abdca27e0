package dev.ssehub.stream;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The threads that write to subscribers' channels, one per core: each stream belongs to one of
 * them, so its flushes never run twice at once and the dispatcher never writes to a socket. An
 * update for ten thousand subscribers hands each writer thousands of flushes in a row, so a handoff
 * is a lock-free enqueue, and a writer is woken only when it has gone to sleep.
 */
public final class Writers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Writers.class.getName());

    private final Writer[] writers;

    public Writers(int count) {
        writers = new Writer[count];
        for (int i = 0; i < count; i++) {
            writers[i] = new Writer("ssehub-writer-" + (i + 1));
        }
    }

    /** One writer per core of this machine. */
    public static Writers perCore() {
        return new Writers(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** The writer of the stream with this serial number. */
    public FlushScheduler forStream(long serial) {
        return writers[(int) Math.floorMod(serial, (long) writers.length)];
    }

    @Override
    public void close() {
        for (Writer writer : writers) {
            writer.close();
        }
    }

    private record Deferred(Runnable task, long dueNanos) {
    }

    private static final class Writer implements FlushScheduler, Runnable {

        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        /** Tasks put off to a later moment, by this thread only; due in the order they were put off, as every delay is the same. */
        private final ArrayDeque<Deferred> later = new ArrayDeque<>();
        private final AtomicBoolean sleeping = new AtomicBoolean();
        private final Thread thread;
        private volatile boolean closed;

        Writer(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Tasks handed over after the hub stopped are dropped: the server closes its streams. */
        @Override
        public void execute(Runnable task) {
            if (closed) {
                return;
            }
            tasks.offer(task);
            if (sleeping.get() && sleeping.compareAndSet(true, false)) {
                LockSupport.unpark(thread);
            }
        }

        /** A stream's first write runs on the thread that starts it, which may put off the next one: that goes through the queue. */
        @Override
        public void executeAt(Runnable task, long dueNanos) {
            if (Thread.currentThread() == thread) {
                later.addLast(new Deferred(task, dueNanos));
            } else {
                execute(() -> executeAt(task, dueNanos));
            }
        }

        @Override
        public void run() {
            while (!closed) {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    runGuarded(task);
                }
                long now = System.nanoTime();
                while (!later.isEmpty() && later.peekFirst().dueNanos() - now <= 0) {
                    runGuarded(later.pollFirst().task());
                }
                sleeping.set(true);
                // A task enqueued before the flag was up is seen here; one after it unparks this thread.
                if (tasks.isEmpty() && !closed) {
                    if (later.isEmpty()) {
                        LockSupport.park(this);
                    } else {
                        LockSupport.parkNanos(this, later.peekFirst().dueNanos() - System.nanoTime());
                    }
                }
                sleeping.set(false);
            }
        }

        /** A writer that died would leave its share of the streams unwritten for good. */
        private static void runGuarded(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "event=write_failed error=" + e, e);
            }
        }

        void close() {
            closed = true;
            LockSupport.unpark(thread);
        }
    }
}
