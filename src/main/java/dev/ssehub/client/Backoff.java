package dev.ssehub.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter, so clients that lost one hub do not return in step. */
record Backoff(Duration initial, Duration max) {

    Duration delay(int attempt) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /**
     * A wait of at least {@code minimum} (a server's {@code Retry-After}), plus up to half as much
     * again, so that the clients a hub refused together do not all come back in the same second.
     */
    Duration atLeast(Duration minimum) {
        long floor = minimum.toMillis();
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(floor / 2 + 1));
    }
}
