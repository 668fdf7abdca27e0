package dev.ssehub.bench;

import dev.ssehub.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The event log a publish run's hub writes to: what a publish costs on each is what those runs measure. */
enum BenchedLog {

    MEMORY("memory:"),
    FILE("file: with SSEHUB_FSYNC=always"),
    REDIS("redis:// (a redis-server of the run's own, append-only with appendfsync always)");

    final String label;

    BenchedLog(String label) {
        this.label = label;
    }

    /** Makes this log's store ready in {@code dir}, which is emptied first. */
    Store open(Path dir) throws Exception {
        if (this == MEMORY) {
            return Store.NONE;
        }
        empty(dir);
        if (this == FILE) {
            return new Store(Map.of("SSEHUB_TRANSPORT", "file:" + dir.toAbsolutePath(), "SSEHUB_FSYNC", "always"), null);
        }
        RedisServer redis = RedisServer.start(dir.toAbsolutePath());
        return new Store(Map.of("SSEHUB_TRANSPORT", redis.uri()), redis);
    }

    private static void empty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** A run's store: the variables that point the hub at it, and the redis-server to sample and stop, if there is one. */
    record Store(Map<String, String> hubEnvironment, RedisServer redis) implements AutoCloseable {

        static final Store NONE = new Store(Map.of(), null);

        /** The redis-server's CPU in clock ticks; -1 without one. */
        long cpuTicks() {
            return redis == null ? -1 : ProcessGroup.of(redis.pid()).cpuTicks();
        }

        @Override
        public void close() throws InterruptedException {
            if (redis != null) {
                redis.close();
            }
        }
    }
}
