package dev.ssehub.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter, so clients that lost one hub do not return in step. */
record Backoff(Duration initial, Duration max) {

    Duration delay(int attempt) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
