package dev.ssehub.bench;

/**
 * What one reactor thread has seen. Written only by that thread while it holds its own lock;
 * read by the main thread under the same lock, then merged.
 */
final class GeneratorStats {

    // Connecting.
    long opened;
    long established;
    long connectFailed;
    long badStatus;
    long notChunked;
    final LatencyHistogram connectMicros = new LatencyHistogram();
    long firstEstablishedNanos = Long.MAX_VALUE;
    long lastEstablishedNanos;

    // Deliveries to subscribers that read (the slow ones are counted apart).
    long deliveries;
    long windowDeliveries;
    final LatencyHistogram windowLatencyMicros = new LatencyHistogram();
    long gaps;
    long duplicates;
    long heartbeats;
    long notices;
    long disconnects;
    long readErrors;
    long unparsable;

    // A reconnect storm: subscribers that received every update they resumed for, and how long that took from opening.
    long caughtUp;
    final LatencyHistogram catchUpMicros = new LatencyHistogram();

    // Slow consumers: they read their response headers, then nothing until the final drain.
    long slowDeliveries;
    long slowNotices;
    long slowClosed;

    void add(GeneratorStats o) {
        opened += o.opened;
        established += o.established;
        connectFailed += o.connectFailed;
        badStatus += o.badStatus;
        notChunked += o.notChunked;
        connectMicros.add(o.connectMicros);
        firstEstablishedNanos = Math.min(firstEstablishedNanos, o.firstEstablishedNanos);
        lastEstablishedNanos = Math.max(lastEstablishedNanos, o.lastEstablishedNanos);
        deliveries += o.deliveries;
        windowDeliveries += o.windowDeliveries;
        windowLatencyMicros.add(o.windowLatencyMicros);
        gaps += o.gaps;
        duplicates += o.duplicates;
        heartbeats += o.heartbeats;
        notices += o.notices;
        disconnects += o.disconnects;
        readErrors += o.readErrors;
        unparsable += o.unparsable;
        caughtUp += o.caughtUp;
        catchUpMicros.add(o.catchUpMicros);
        slowDeliveries += o.slowDeliveries;
        slowNotices += o.slowNotices;
        slowClosed += o.slowClosed;
    }
}
