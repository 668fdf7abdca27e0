package dev.ssehub.grizzly;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Transport;

/**
 * A listener's worker threads, as the executor Grizzly's HTTP/2 filter serves each stream's request
 * on: without one it serves them one after the other on the thread that reads the connection, so a
 * slow request would hold up every other stream of that connection. The pool is looked up at each
 * task, as the transport makes it only when it starts, after the filter was built; the transport
 * shuts it down, so this does nothing on shutdown.
 */
public final class WorkerPoolExecutor extends AbstractExecutorService {

    private final Transport transport;

    public WorkerPoolExecutor(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void execute(Runnable task) {
        transport.getWorkerThreadPool().execute(task);
    }

    @Override
    public void shutdown() {
        // The transport's.
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return transport.getWorkerThreadPool().isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return transport.getWorkerThreadPool().isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return transport.getWorkerThreadPool().awaitTermination(timeout, unit);
    }
}
