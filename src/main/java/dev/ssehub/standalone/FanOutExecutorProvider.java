package dev.ssehub.standalone;

import org.glassfish.jersey.server.ManagedAsyncExecutor;
import org.glassfish.jersey.spi.ThreadPoolExecutorProvider;

/**
 * Jersey's managed async executor, which drains every broadcaster's per-sink buffers, bounded to a
 * few threads. Jersey's default is an unbounded cached pool: under load it grew to 200-300 writer
 * threads on two cores, which spent their time switching and contending instead of writing. With a
 * fixed pool each drain task finds several events waiting and writes them in one go.
 */
@ManagedAsyncExecutor
final class FanOutExecutorProvider extends ThreadPoolExecutorProvider {

    /**
     * Writes are blocking: a thread stays on a socket whose buffers are full until it drains or the
     * write times out. A few threads per core keep a handful of such sockets from stalling the rest.
     */
    static final int THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    FanOutExecutorProvider() {
        super("ssehub-fan-out");
    }

    @Override
    protected int getCorePoolSize() {
        return THREADS;
    }

    @Override
    protected int getMaximumPoolSize() {
        return THREADS;
    }
}
