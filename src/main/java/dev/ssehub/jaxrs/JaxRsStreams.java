package dev.ssehub.jaxrs;

import dev.ssehub.stream.StreamChannel;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The portable stream adapter ({@code SSEHUB_STREAMS=jaxrs}): streams as JAX-RS {@code SseEventSink}s,
 * written on a pool of its own because a runtime's {@code send} may block behind a client that
 * stopped reading. A few threads per core keep a handful of such clients from stalling the rest.
 */
public final class JaxRsStreams implements AutoCloseable {

    public static final int THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final ExecutorService sending;
    private volatile boolean hubWriterInUse;

    public JaxRsStreams() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "ssehub-sse-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        this.sending = pool;
    }

    /** The channel of one stream, on the runtime's sink. */
    public StreamChannel channel(SseEventSink sink) {
        return new SinkChannel(sink, sending, () -> hubWriterInUse);
    }

    /**
     * The hub's {@link EventStreamWriter}, which tells when the runtime first writes with it: only
     * then can a write carry several events at once.
     */
    public EventStreamWriter writer() {
        return new EventStreamWriter(() -> hubWriterInUse = true);
    }

    @Override
    public void close() {
        sending.shutdown();
        try {
            sending.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
