package dev.ssehub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The load generator's side of its line protocol with {@link BenchDriver}: {@code MARK <name>} on
 * standard output at phase changes, and one {@code RESULT key=value ...} at the end. With
 * {@code sync}, a mark the driver acts on (the start or end of a measurement, the end of a warm-up)
 * waits for a line on standard input, so that the driver samples the server, or lets it settle,
 * before the generator goes on.
 */
final class DriverChannel {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(120);

    private final boolean sync;
    private final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    DriverChannel(boolean sync) {
        this.sync = sync;
    }

    void mark(String name) {
        System.out.println("MARK " + name + " " + Reactor.epochMicros());
        System.out.flush();
    }

    /** A mark the driver samples the server at, or waits for it at: with {@code sync}, returns once it has. */
    void markAndAwaitSample(String name) throws IOException, InterruptedException {
        mark(name);
        if (!sync) {
            return;
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdin.ready()) {
                stdin.readLine();
                return;
            }
            Thread.sleep(5);
        }
        System.err.println("[load] no acknowledgement on standard input after " + ACK_TIMEOUT + "; going on");
    }

    void result(Map<String, Object> result) {
        StringBuilder line = new StringBuilder("RESULT");
        result.forEach((k, v) -> line.append(' ').append(k).append('=').append(String.valueOf(v).replace(' ', '_')));
        System.out.println(line);
        System.out.flush();
    }
}
