package dev.ssehub.bench;

import dev.ssehub.auth.TokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make soak}: a standalone hub under subscriber churn and steady publishing for
 * {@code SOAK_MINUTES} (default 30). Subscribers connect, stay a few seconds and leave, half of them
 * coming back with {@code Last-Event-ID}; one publisher posts {@code SOAK_RATE} updates a second.
 * The hub's threads, open files, heap after a full GC and live subscribers are sampled at the start
 * (after warm-up) and at the end, under the same load, once more after every client has left, and
 * again when the pools' idle threads have ended; they must return to baseline. Writes its section
 * of {@code docs/benchmarks.md} and exits 1 on a failed check.
 */
public final class SoakDriver {

    private static final String KEY = "ssehub-soak-secret-0123456789-abcdefghijk";
    private static final String TOPIC = "soak/updates";
    /** The three kinds of selector, all matching {@link #TOPIC}: every subscriber sees every update. */
    private static final List<String> SELECTORS = List.of(TOPIC, "soak/{name}", "*");
    private static final int HISTORY_SIZE = HubSettings.HISTORY_SIZE;
    /** Jersey's writer threads end after a minute idle, the hub's closer threads after 30 s. */
    private static final Duration IDLE_THREADS_END = Duration.ofSeconds(70);
    private static final Pattern INSTANCES = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)", Pattern.MULTILINE);

    private final Path root = Path.of("").toAbsolutePath();
    /** Taken at the start: the commit under test, whatever is checked out by the time the soak ends. */
    private final String hubCommit = BenchDriver.gitHead(root);
    private final int minutes = Integer.parseInt(BenchDriver.env("SOAK_MINUTES", "30"));
    private final int slots = Integer.parseInt(BenchDriver.env("SOAK_SUBSCRIBERS", "500"));
    private final int rate = Integer.parseInt(BenchDriver.env("SOAK_RATE", "100"));
    private final Path markdown = Path.of(BenchDriver.env("SOAK_OUT", root.resolve("docs/benchmarks.md").toString()));
    private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final String token = new TokenIssuer(KEY).issue(List.of("*"), List.of("*"), Duration.ofDays(1));
    private final List<Churner> churners = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private volatile boolean churning = true;
    private volatile boolean publishing = true;
    private long loadStartedNanos;
    private long loadEndedNanos;
    private BenchedHub hub;

    /** What the hub looked like at one moment. */
    record Sample(String when, long threads, long openFiles, long heapAfterGcKb, long subscribers, long groups, long clientsOpen) {
    }

    /** A limit a later sample must stay within. */
    record Check(String what, boolean passed, String detail) {
    }

    public static void main(String[] args) throws Exception {
        System.exit(new SoakDriver().run());
    }

    private int run() throws Exception {
        Path work = Files.createDirectories(root.resolve("target/soak"));
        hub = BenchedHub.start(root, Path.of(System.getProperty("java.home"), "bin", "java").toString(), jcmd, BenchedHub.maxHeap(),
                new HubSettings(KEY), BenchedHub.NATIVE_STREAMS, work.resolve("hub.log"));
        try {
            return soak();
        } finally {
            publishing = false;
            churning = false;
            churners.forEach(Churner::leave);
            timer.shutdownNow();
            hub.stop();
        }
    }

    private int soak() throws Exception {
        Sample idle = sample("idle, before the load");
        loadStartedNanos = System.nanoTime();
        Thread publisher = new Thread(this::publishSteadily, "soak-publisher");
        publisher.setDaemon(true);
        publisher.start();
        for (int i = 0; i < slots; i++) {
            Churner churner = new Churner(SELECTORS.get(i % SELECTORS.size()));
            churners.add(churner);
            timer.schedule(churner::connect, i * 1000L / slots, TimeUnit.MILLISECONDS);
        }
        // Until the history is full, the heap grows by design; the baseline is taken after that.
        long warmUpSeconds = Math.max(60, HISTORY_SIZE / rate + 15);
        log("warming up for %d s: %d churning subscribers, %d updates/s", warmUpSeconds, slots, rate);
        Thread.sleep(warmUpSeconds * 1000);
        Sample start = sample("start, under load");
        log("soaking for %d min", minutes);
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(60_000, Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            log("%s", sampleWithoutGc());
        }
        Sample finish = sample("end, under load");
        churning = false;
        churners.forEach(Churner::leave);
        // Publishing goes on so that the hub writes to every stream and finds the ones that left.
        Sample after = awaitSubscribersGone();
        publishing = false;
        publisher.join();
        loadEndedNanos = System.nanoTime();
        timer.shutdownNow();
        log("idle for %d s, until the pools' idle threads have ended", IDLE_THREADS_END.toSeconds());
        Thread.sleep(IDLE_THREADS_END.toMillis());
        Sample idleAgain = sample("idle again, " + IDLE_THREADS_END.toSeconds() + " s later");

        List<Check> checks = checks(start, finish, after, idle, idleAgain);
        List<Sample> samples = List.of(idle, start, finish, after, idleAgain);
        String section = section(samples, checks);
        SoakSection.write(markdown, section);
        System.out.println(section);
        log("wrote the soak section of %s", markdown);
        return checks.stream().allMatch(Check::passed) ? 0 : 1;
    }

    private List<Check> checks(Sample start, Sample end, Sample after, Sample idle, Sample idleAgain) {
        List<Check> checks = new ArrayList<>();
        // Pools may start threads with the load and keep them (Grizzly's request workers start all 64), so under load
        // their number says how busy the hub is; a leaked thread is one still there once idle again.
        // Open files follow the connections of the moment: growth beyond that is what leaks look like.
        checks.add(notAbove("threads once idle again, against idle", idle.threads(), idleAgain.threads(), 10));
        checks.add(notAbove("open files", start.openFiles(), end.openFiles(), Math.max(30, start.openFiles() / 10)));
        checks.add(notAbove("heap after full GC (KiB)", start.heapAfterGcKb(), end.heapAfterGcKb(), Math.max(16 * 1024, start.heapAfterGcKb() / 5)));
        checks.add(within("live subscribers", start.subscribers(), end.subscribers(), Math.max(10, slots / 10)));
        checks.add(new Check("no subscriber left once every client has gone", after.subscribers() == 0 && after.groups() == 0,
                after.subscribers() + " subscribers, " + after.groups() + " groups"));
        checks.add(notAbove("open files once idle again, against idle", idle.openFiles(), idleAgain.openFiles(), 10));
        long gaps = churners.stream().mapToLong(Churner::gaps).sum();
        long duplicates = churners.stream().mapToLong(Churner::duplicates).sum();
        checks.add(new Check("resumed streams continue without gap or duplicate", gaps == 0 && duplicates == 0,
                gaps + " missing, " + duplicates + " duplicated"));
        checks.add(new Check("every publish acknowledged", publishFailures.get() == 0,
                published.get() + " acknowledged, " + publishFailures.get() + " failed"));
        return checks;
    }

    private static Check notAbove(String what, long baseline, long value, long tolerance) {
        return new Check(what + " at most baseline + " + tolerance, value <= baseline + tolerance, baseline + " → " + value);
    }

    private static Check within(String what, long baseline, long value, long tolerance) {
        return new Check(what + " back to baseline (±" + tolerance + ")", Math.abs(value - baseline) <= tolerance,
                baseline + " → " + value);
    }

    private Sample awaitSubscribersGone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Sample after;
        do {
            Thread.sleep(5000);
            after = sample("after every client left");
        } while (after.subscribers() > 0 && System.nanoTime() < deadline);
        return after;
    }

    /** Counts live subscribers in the hub's heap: the class histogram runs a full GC first. */
    private Sample sample(String when) {
        Map<String, Long> instances = new LinkedHashMap<>();
        String histogram = hub.jvm().orElseThrow().run("GC.class_histogram");
        if (histogram == null) {
            throw new IllegalStateException("jcmd GC.class_histogram failed against the hub");
        }
        Matcher row = INSTANCES.matcher(histogram);
        while (row.find()) {
            instances.put(row.group(2), Long.parseLong(row.group(1)));
        }
        long[] heap = hub.jvm().orElseThrow().heapKb();
        Sample sample = new Sample(when, hub.processes().status("Threads"), hub.processes().openFiles(), heap == null ? -1 : heap[0],
                instances.getOrDefault("dev.ssehub.hub.Subscriber", 0L), instances.getOrDefault("dev.ssehub.hub.SubscriberGroup", 0L),
                churners.stream().filter(Churner::isOpen).count());
        log("%s", sample);
        return sample;
    }

    private String sampleWithoutGc() {
        long[] heap = hub.jvm().orElseThrow().heapKb();
        return String.format(Locale.ROOT, "threads=%d open_files=%d heap_used_kib=%d clients_open=%d published=%d publish_failures=%d",
                hub.processes().status("Threads"), hub.processes().openFiles(), heap == null ? -1 : heap[0],
                churners.stream().filter(Churner::isOpen).count(), published.get(), publishFailures.get());
    }

    /** One update every 1/rate s; when the hub answers slower, the next one follows at once (no burst). */
    private void publishSteadily() {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        while (publishing) {
            publish();
            next = Math.max(next + interval, System.nanoTime());
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void publish() {
        long seq = published.get() + publishFailures.get() + 1;
        HttpRequest request = HttpRequest.newBuilder(hubUri(""))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=" + TOPIC + "&id=soak-" + seq + "&data=update+" + seq))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            (response.statusCode() == 200 ? published : publishFailures).incrementAndGet();
        } catch (IOException e) {
            publishFailures.incrementAndGet();
        } catch (InterruptedException e) {
            publishing = false;
        }
    }

    private URI hubUri(String query) {
        return URI.create("http://127.0.0.1:" + hub.port() + "/.well-known/mercure" + query);
    }

    private String section(List<Sample> samples, List<Check> checks) {
        boolean passed = checks.stream().allMatch(Check::passed);
        StringBuilder md = new StringBuilder("## Soak\n\n");
        md.append(String.format(Locale.ROOT,
                "`make soak`: one standalone hub (as in the runs above) for %d min after a %d s warm-up; %d subscribers, a third each "
                        + "on an exact topic, a URI template and `*`, each staying 1–10 s, leaving and coming back at once, every other "
                        + "time with `Last-Event-ID`; one publisher aiming at %d updates/s; history of %d updates. Heap and subscribers are "
                        + "read after a full GC (`jcmd GC.class_histogram`: live `Subscriber` and `SubscriberGroup` objects), threads "
                        + "and open files from /proc. Pools may start threads with the load and keep them, so threads are "
                        + "checked once the hub is idle again.\n\n",
                minutes, Math.max(60, HISTORY_SIZE / rate + 15), slots, rate, HISTORY_SIZE));
        md.append("| | |\n|---|---|\n");
        md.append("| Date | ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" |\n");
        md.append("| Hub commit | ").append(hubCommit).append(" |\n");
        long connections = churners.stream().mapToLong(Churner::connections).sum();
        md.append("| Subscriptions opened | ").append(connections).append(" |\n");
        double loadSeconds = (loadEndedNanos - loadStartedNanos) / 1e9;
        md.append(String.format(Locale.ROOT, "| Updates published | %d (%.0f/s over %.0f min) |%n", published.get(), published.get() / loadSeconds, loadSeconds / 60));
        md.append("| Machine | ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
                .append(loadAverage()).append(" (1, 5, 15 min) at the end: other work shared it |\n");
        md.append("| Result | ").append(passed ? "**pass**" : "**FAIL**").append(" |\n\n");
        md.append("| sample | threads | open files | heap after GC | live subscribers | groups | clients open |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Sample s : samples) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f MiB | %d | %d | %d |\n",
                    s.when(), s.threads(), s.openFiles(), s.heapAfterGcKb() / 1024.0, s.subscribers(), s.groups(), s.clientsOpen()));
        }
        md.append("\n| check | result | figures |\n|---|---|---|\n");
        for (Check c : checks) {
            md.append("| ").append(c.what()).append(" | ").append(c.passed() ? "pass" : "FAIL").append(" | ").append(c.detail()).append(" |\n");
        }
        return md.toString();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "%tT soak: %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }

    /**
     * One subscriber slot that connects, stays a random while, leaves and comes back, over and over.
     * A stream that resumed with {@code Last-Event-ID} must go on with the very next update, and
     * every stream must go on without gap once it has its first update.
     */
    private final class Churner {

        private final String selector;
        private Stream current;
        /** Sequence number of the last update received, over all of this slot's streams; 0 before the first. */
        private long lastSeq;
        private long connections;
        private long gaps;
        private long duplicates;

        Churner(String selector) {
            this.selector = selector;
        }

        synchronized long connections() {
            return connections;
        }

        synchronized long gaps() {
            return gaps;
        }

        synchronized long duplicates() {
            return duplicates;
        }

        synchronized boolean isOpen() {
            return current != null && current.subscription != null;
        }

        synchronized void connect() {
            if (!churning) {
                return;
            }
            connections++;
            boolean resume = lastSeq > 0 && connections % 2 == 0;
            current = new Stream(resume);
            HttpRequest.Builder request = HttpRequest.newBuilder(hubUri("?topic=" + java.net.URLEncoder.encode(selector, StandardCharsets.UTF_8)))
                    .header("Accept", "text/event-stream");
            if (resume) {
                request.header("Last-Event-ID", "soak-" + lastSeq);
            }
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(current));
            timer.schedule(this::leave, ThreadLocalRandom.current().nextLong(1000, 10_000), TimeUnit.MILLISECONDS);
        }

        /** Cancelling the body makes the client close the connection, as a closed browser tab does. */
        synchronized void leave() {
            if (current != null) {
                current.cancel();
                current = null;
            }
            if (churning) {
                timer.execute(this::connect);
            }
        }

        synchronized void received(Stream stream, long seq) {
            if (stream != current) {
                return;
            }
            if (stream.checked && seq != lastSeq + 1) {
                if (seq > lastSeq) {
                    gaps += seq - lastSeq - 1;
                } else {
                    duplicates++;
                }
            }
            lastSeq = seq;
            stream.checked = true;
        }

        /** One connection of the slot. */
        private final class Stream implements Flow.Subscriber<String> {

            private volatile Flow.Subscription subscription;
            private volatile boolean cancelled;
            /** A resumed stream is checked from its first update, a fresh one from its second. */
            boolean checked;

            Stream(boolean resumed) {
                this.checked = resumed;
            }

            void cancel() {
                cancelled = true;
                Flow.Subscription open = subscription;
                if (open != null) {
                    open.cancel();
                }
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                if (cancelled) {
                    subscription.cancel();
                } else {
                    subscription.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(String line) {
                if (line.startsWith("id: soak-")) {
                    received(this, Long.parseLong(line.substring("id: soak-".length())));
                }
            }

            @Override
            public void onError(Throwable failure) {
                subscription = null;
            }

            @Override
            public void onComplete() {
                subscription = null;
            }
        }
    }
}
