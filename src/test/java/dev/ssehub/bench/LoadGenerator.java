package dev.ssehub.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A load generator for one hub topic, in one process and without a thread per connection: one or
 * two selector threads ({@link Reactor}) hold up to about 19,000 subscriber connections, and one
 * thread publishes ({@link Publisher}). It speaks Mercure by default; {@code --subscribe-path},
 * {@code --publish-path} and {@code --publish-format raw} point it at another server's URLs, such
 * as Nchan's channel location, which takes the data as the raw request body.
 *
 * <p>Phases: open the subscribers at a bounded rate and wait until each has its response; publish
 * at the set rate through a warm-up, and on until the driver says the target has settled
 * ({@code warmed_up}, with {@code --sync}); measure for the window; stop publishing and let in-flight
 * updates arrive; let the slow consumers read what piled up for them; report; close everything.
 *
 * <p>With {@code --storm-replay N} it runs a reconnect storm instead ({@link ReconnectStorm}): N + 1
 * updates first, then every subscriber at once, resuming after the first. With {@code --publishers N}
 * it only publishes, from N connections as fast as the target answers ({@link PublishLoad}).
 *
 * <p>Lines on standard output are for {@link BenchDriver} ({@link DriverChannel}): with
 * {@code --sync} it waits at the start and the end of the measurement until the driver has
 * sampled the server, so that the samples frame the window. Progress and a readable summary go to
 * standard error.
 *
 * <pre>
 * java -cp target/test-classes dev.ssehub.bench.LoadGenerator --port 8080 --token $TOKEN \
 *     --subscribers 1000 --rate 200 --warmup 5 --window 25
 * </pre>
 */
public final class LoadGenerator {

    private final Map<String, String> options;

    private LoadGenerator(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options.containsKey("help")) {
            System.err.println("options: --host 127.0.0.1 --port P --token JWT --topic bench --subscribers N --rate R"
                    + " --connect-rate 2000 --max-in-flight 256 --warmup S --window S --drain S --slow-fraction F"
                    + " --slow-rcvbuf BYTES --selectors 1|2 --id-prefix b --payload 100 --connect-timeout S --sync"
                    + " --subscribe-path /.well-known/mercure?topic=T --publish-path /.well-known/mercure --publish-format form|raw"
                    + " --storm-replay N --publishers N --warmup-publishes N --publishes N --publish-timeout S");
            return;
        }
        System.exit(new LoadGenerator(options).run());
    }

    private int run() throws Exception {
        InetAddress address = InetAddress.getByName(string("host", "127.0.0.1"));
        if (!address.isLoopbackAddress()) {
            System.err.println("load-generator: refusing to load " + address + ": only loopback addresses are allowed");
            return 2;
        }
        InetSocketAddress server = new InetSocketAddress(address, integer("port", 8080));
        String token = string("token", System.getenv("SSEHUB_BENCH_TOKEN"));
        String topic = string("topic", "bench");
        int subscribers = integer("subscribers", 1000);
        double rate = decimal("rate", 100);
        int stormReplay = integer("storm-replay", 0);
        String subscribePath = string("subscribe-path", "/.well-known/mercure?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
        PublishFormat format = PublishFormat.named(string("publish-format", "form"));
        boolean publishes = rate > 0 || stormReplay > 0 || options.containsKey("publishers");
        if (format == PublishFormat.FORM && publishes && (token == null || token.isEmpty())) {
            System.err.println("load-generator: publishing to a Mercure hub needs --token or SSEHUB_BENCH_TOKEN");
            return 2;
        }
        DriverChannel driver = new DriverChannel(options.containsKey("sync"));
        Map<String, Object> result;
        if (options.containsKey("publishers")) {
            PublishLoad publishing = new PublishLoad(server, string("publish-path", "/.well-known/mercure"), format,
                    format == PublishFormat.FORM ? token : null, topic, integer("payload", 100), integer("publishers", 1),
                    integer("warmup-publishes", 10_000), integer("publishes", 20_000), Duration.ofSeconds(integer("publish-timeout", 600)));
            result = publishing.run(driver);
        } else if (stormReplay > 0) {
            Publisher publisher = new Publisher(server, string("publish-path", "/.well-known/mercure"), format,
                    format == PublishFormat.FORM ? token : null, topic, string("id-prefix", "b"), 1, integer("payload", 100));
            ReconnectStorm storm = new ReconnectStorm(server, subscribePath, publisher, subscribers, stormReplay,
                    integer("selectors", 1), integer("max-in-flight", 1000), decimal("window", 120), driver);
            result = storm.run();
        } else {
            result = load(server, subscribePath, format, format == PublishFormat.FORM ? token : null, topic, subscribers, rate, driver);
        }
        driver.result(result);
        summary(result);
        return 0;
    }

    /** Connect, warm up, measure, drain, and let the slow consumers read what piled up. */
    private Map<String, Object> load(InetSocketAddress server, String subscribePath, PublishFormat format, String token, String topic,
                                     int subscribers, double rate, DriverChannel driver) throws Exception {
        double connectRate = decimal("connect-rate", 2000);
        int maxInFlight = integer("max-in-flight", 256);
        double warmup = decimal("warmup", 5);
        double window = decimal("window", 20);
        double drain = decimal("drain", 5);
        double slowFraction = decimal("slow-fraction", 0);
        int slowReceiveBuffer = integer("slow-rcvbuf", 0);
        int selectors = Math.max(1, Math.min(4, integer("selectors", 1)));
        int payload = Math.max(32, integer("payload", 100));
        double connectTimeout = decimal("connect-timeout", 120);

        Map<String, Object> result = new LinkedHashMap<>();
        SubscriberPool pool = new SubscriberPool(server, request(server, subscribePath, null), subscribers, selectors, slowFraction,
                slowReceiveBuffer, 1, Long.MAX_VALUE);
        int slowAssigned = pool.slow();
        result.put("subscribers", subscribers);
        result.put("slow", slowAssigned);
        result.put("rate", rate);
        result.put("payload", payload);
        Publisher publisher = null;
        Thread publishing = null;
        try {
            // 1. Connect.
            progress("connecting %d subscribers (%d slow) to %s at up to %.0f/s", subscribers, slowAssigned, server, connectRate);
            long connectStart = System.nanoTime();
            pool.connect(connectRate, maxInFlight);
            GeneratorStats stats = pool.awaitConnected(connectStart + (long) (connectTimeout * 1e9),
                    s -> progress("  %d established, %d failed, %d opened", s.established, s.connectFailed, s.opened));
            putConnectFigures(result, stats, connectStart, subscribers);
            progress("connected: %d established, %d failed in %s s (%s/s)", stats.established, stats.connectFailed,
                    result.get("connect_secs"), result.get("connect_rate"));
            driver.mark("connected");

            // 2. Warm up.
            if (rate > 0) {
                publisher = new Publisher(server, string("publish-path", "/.well-known/mercure"), format, token, topic,
                        string("id-prefix", "b"), rate, payload);
                publishing = new Thread(publisher, "publisher");
                publishing.setDaemon(true);
                publishing.start();
            }
            sleep(warmup);
            driver.markAndAwaitSample("warmed_up");

            // 3. Measure.
            GeneratorStats before = pool.stats();
            driver.markAndAwaitSample("measure_start");
            long startMicros = Reactor.epochMicros();
            pool.windowStart(startMicros);
            if (publisher != null) {
                publisher.markWindowStart();
            }
            Duration cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            sleep(window);
            long endMicros = Reactor.epochMicros();
            pool.windowEnd(endMicros);
            Duration cpuAfter = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            long publishedInWindow = publisher == null ? 0 : publisher.publishedSinceWindowStart();
            Thread.sleep(50); // let reactors finish the batch that straddles the end
            GeneratorStats after = pool.stats();
            double windowSecs = (endMicros - startMicros) / 1e6;
            long readers = subscribers - slowAssigned;
            result.put("window_secs", round(windowSecs, 2));
            result.put("published_window", publishedInWindow);
            result.put("publish_rate", round(publishedInWindow / windowSecs, 1));
            result.put("deliveries_window", after.windowDeliveries);
            result.put("deliveries_per_s", round(after.windowDeliveries / windowSecs, 0));
            result.put("expected_per_s", round(publishedInWindow * (double) readers / windowSecs, 0));
            result.put("latency_samples", after.windowLatencyMicros.count());
            result.put("p50_ms", millis(after.windowLatencyMicros.percentile(0.50)));
            result.put("p90_ms", millis(after.windowLatencyMicros.percentile(0.90)));
            result.put("p99_ms", millis(after.windowLatencyMicros.percentile(0.99)));
            result.put("p999_ms", millis(after.windowLatencyMicros.percentile(0.999)));
            result.put("max_ms", millis(after.windowLatencyMicros.max()));
            result.put("mean_ms", round(after.windowLatencyMicros.mean() / 1000, 3));
            result.put("window_disconnects", after.disconnects - before.disconnects);
            result.put("window_notices", after.notices - before.notices);
            result.put("gen_cpu_s", round((cpuAfter.toNanos() - cpuBefore.toNanos()) / 1e9, 2));
            if (rate > 0) {
                // Readers whose stream is open but brought no update in the last 5 s of the window.
                long quietSince = endMicros - 5_000_000;
                long[] stalled = {0};
                pool.forEach(c -> {
                    if (!c.slow && c.state == SseConnection.State.BODY && c.lastDeliveryMicros < quietSince) {
                        stalled[0]++;
                    }
                });
                result.put("readers_stalled", stalled[0]);
            }
            driver.markAndAwaitSample("measure_end");

            // 4. Stop publishing and let the last updates arrive.
            long lastSeq = 0;
            if (publisher != null) {
                publisher.stop();
                publishing.join(15_000);
                lastSeq = publisher.lastSeq();
            }
            long drainDeadline = System.nanoTime() + (long) (drain * 1e9);
            long behind;
            do {
                behind = behind(pool, lastSeq);
                if (behind == 0) {
                    break;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < drainDeadline);
            GeneratorStats end = pool.stats();
            result.put("published_total", lastSeq);
            result.put("undelivered_at_end", behind);
            putStreamFigures(result, end, pool);
            if (publisher != null) {
                result.put("pub_failed_requests", publisher.failedRequests());
                result.put("pub_given_up", publisher.givenUp());
                result.put("pub_schedule_resets", publisher.scheduleResets());
                result.put("pub_p50_ms", millis(publisher.requestPercentileMicros(0.5)));
                result.put("pub_p99_ms", millis(publisher.requestPercentileMicros(0.99)));
                result.put("pub_max_ms", millis(publisher.requestMaxMicros()));
                if (publisher.lastError() != null) {
                    result.put("pub_last_error", publisher.lastError());
                }
            }

            // 5. The slow consumers read what piled up: were they cut off, and how far did they get?
            if (slowAssigned > 0) {
                readSlowConsumers(pool, end.slowClosed, result);
            }
            putLastErrors(result, pool);
        } finally {
            if (publisher != null) {
                publisher.stop();
            }
            pool.close();
        }
        return result;
    }

    private static void readSlowConsumers(SubscriberPool pool, long closedBefore, Map<String, Object> result) throws InterruptedException {
        pool.drainSlow();
        long slowDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long lastCount = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < slowDeadline) {
            GeneratorStats now = pool.stats();
            long count = now.slowDeliveries + now.slowClosed;
            if (now.slowClosed >= pool.slow()) {
                break;
            }
            if (count != lastCount) {
                lastCount = count;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(1500)) {
                break;
            }
            Thread.sleep(100);
        }
        long[] slow = new long[5]; // cut off, with notice, still open, min received, max received
        slow[3] = Long.MAX_VALUE;
        pool.forEach(c -> {
            if (c.slow) {
                if (c.state == SseConnection.State.CLOSED) {
                    slow[0]++;
                } else {
                    slow[2]++;
                }
                if (c.sawNotice) {
                    slow[1]++;
                }
                slow[3] = Math.min(slow[3], c.received);
                slow[4] = Math.max(slow[4], c.received);
            }
        });
        result.put("slow_cut_off", slow[0]);
        result.put("slow_closed_before_drain", closedBefore);
        result.put("slow_with_notice", slow[1]);
        result.put("slow_still_open", slow[2]);
        result.put("slow_received_min", slow[3] == Long.MAX_VALUE ? 0 : slow[3]);
        result.put("slow_received_max", slow[4]);
        result.put("slow_deliveries", pool.stats().slowDeliveries);
    }

    /** The subscribe request every connection sends, with a {@code Last-Event-ID} when one is given. */
    static byte[] request(InetSocketAddress server, String subscribePath, String lastEventId) {
        String request = "GET " + subscribePath + " HTTP/1.1\r\n"
                + "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n"
                + "Accept: text/event-stream\r\n"
                + "Cache-Control: no-cache\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + "\r\n";
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** How the subscriptions were answered: counts, rate and the time each took. */
    static void putConnectFigures(Map<String, Object> result, GeneratorStats stats, long connectStartNanos, int subscribers) {
        double connectSecs = stats.established == 0 ? 0 : (Math.max(stats.lastEstablishedNanos, connectStartNanos) - connectStartNanos) / 1e9;
        result.put("established", stats.established);
        result.put("connect_failed", stats.connectFailed);
        result.put("connect_unanswered", subscribers - stats.established - stats.connectFailed);
        result.put("connect_secs", round(connectSecs, 2));
        result.put("connect_rate", connectSecs == 0 ? 0 : round(stats.established / connectSecs, 0));
        result.put("connect_p50_ms", millis(stats.connectMicros.percentile(0.50)));
        result.put("connect_p99_ms", millis(stats.connectMicros.percentile(0.99)));
        result.put("connect_max_ms", millis(stats.connectMicros.max()));
        result.put("bad_status", stats.badStatus);
        result.put("not_chunked", stats.notChunked);
    }

    /** What the streams brought and how they ended. */
    static void putStreamFigures(Map<String, Object> result, GeneratorStats end, SubscriberPool pool) {
        result.put("deliveries_total", end.deliveries);
        result.put("gaps", end.gaps);
        result.put("duplicates", end.duplicates);
        result.put("disconnects", end.disconnects);
        result.put("notices", end.notices);
        result.put("read_errors", end.readErrors);
        result.put("unparsable", end.unparsable);
        result.put("heartbeats", end.heartbeats);
        int[] stillConnected = {0};
        pool.forEach(c -> {
            if (!c.slow && c.state == SseConnection.State.BODY) {
                stillConnected[0]++;
            }
        });
        result.put("readers_connected_at_end", stillConnected[0]);
    }

    static void putLastErrors(Map<String, Object> result, SubscriberPool pool) {
        String[] errors = pool.lastErrors();
        if (errors[0] != null) {
            result.put("last_connect_error", errors[0]);
        }
        if (errors[1] != null) {
            result.put("last_read_error", errors[1]);
        }
    }

    /** Updates up to {@code lastSeq} that connected readers have not received yet. */
    private static long behind(SubscriberPool pool, long lastSeq) {
        long[] behind = {0};
        pool.forEach(c -> {
            if (!c.slow && c.state == SseConnection.State.BODY && c.nextSeq <= lastSeq) {
                behind[0] += lastSeq - c.nextSeq + 1;
            }
        });
        return behind[0];
    }

    private static void summary(Map<String, Object> r) {
        if (r.containsKey("publishers")) {
            progress("%s publisher(s): %s publishes/s over %s s, round trip p50 %s ms, p99 %s ms, max %s ms; failed requests %s",
                    r.get("publishers"), r.get("publish_rate"), r.get("window_secs"), r.get("pub_p50_ms"), r.get("pub_p99_ms"),
                    r.get("pub_max_ms"), r.get("pub_failed_requests"));
            return;
        }
        progress("subscribers %s (slow %s), established %s, connect %s/s (p99 %s ms)", r.get("subscribers"), r.get("slow"),
                r.get("established"), r.get("connect_rate"), r.get("connect_p99_ms"));
        if (r.containsKey("storm_secs")) {
            progress("reconnect storm: %s of %s subscribers caught up in %s s (p50/p99 %s/%s ms), %s replayed events received of %s",
                    r.get("caught_up"), r.get("subscribers"), r.get("storm_secs"), r.get("catch_up_p50_ms"), r.get("catch_up_p99_ms"),
                    r.get("deliveries_total"), r.get("storm_expected"));
        } else {
            progress("published %s/s in the window; deliveries %s/s of %s/s expected", r.get("publish_rate"),
                    r.get("deliveries_per_s"), r.get("expected_per_s"));
            progress("latency p50 %s ms, p99 %s ms, max %s ms", r.get("p50_ms"), r.get("p99_ms"), r.get("max_ms"));
        }
        progress("gaps %s, undelivered at end %s, duplicates/out-of-order %s, disconnects %s, notices %s, read errors %s,"
                        + " open but stalled %s", r.get("gaps"), r.get("undelivered_at_end"), r.get("duplicates"), r.get("disconnects"),
                r.get("notices"), r.get("read_errors"), r.get("readers_stalled"));
        if (r.containsKey("slow_cut_off")) {
            progress("slow consumers: %s cut off (%s with a reconnect notice), %s still open", r.get("slow_cut_off"),
                    r.get("slow_with_notice"), r.get("slow_still_open"));
        }
    }

    static void progress(String format, Object... args) {
        System.err.println("[load] " + String.format(Locale.ROOT, format, args));
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    static double millis(long micros) {
        return round(micros / 1000.0, 3);
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                options.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    private String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int integer(String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    private double decimal(String name, double fallback) {
        return options.containsKey(name) ? Double.parseDouble(options.get(name)) : fallback;
    }
}
