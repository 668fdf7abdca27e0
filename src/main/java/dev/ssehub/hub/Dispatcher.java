package dev.ssehub.hub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one thread that owns all fan-out state. It holds the only reference to its {@link FanOut}
 * and hands it to the tasks it runs, so that state cannot be touched from another thread. Updates
 * arrive in log order and subscribers join and leave between two updates, so each subscriber's
 * place in the total order is exact without locks.
 */
final class Dispatcher implements AutoCloseable {

    private final FanOut fanOut;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread dispatcher = new Thread(runnable, "ssehub-dispatcher");
        dispatcher.setDaemon(true);
        return dispatcher;
    });

    Dispatcher(FanOut fanOut) {
        this.fanOut = fanOut;
    }

    void execute(Consumer<FanOut> task) {
        try {
            thread.execute(() -> task.accept(fanOut));
        } catch (RejectedExecutionException e) {
            // The hub is closing: what is not dispatched now is in the log for the next start.
        }
    }

    <T> CompletableFuture<T> call(Function<FanOut, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(task.apply(fanOut));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new HubClosedException());
        }
        return result;
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
