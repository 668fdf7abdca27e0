package dev.ssehub.bench;

import dev.ssehub.bench.ProcessGroup.CpuTicks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the load matrix against each target (our hub standalone, on JAX-RS streams, the WAR on Open
 * Liberty, and Nchan on nginx as the peer), one fresh server per run, and writes
 * {@code docs/benchmarks.md} and {@code docs/benchmarks.svg}.
 *
 * <p>Each run starts the target's server on a free loopback port, starts a {@link LoadGenerator} in
 * its own JVM, and samples the server from /proc (summed over its processes) and, for a JVM, jcmd
 * when the generator marks the start and the end of its measured window: CPU time (utime + stime,
 * whole process and per thread), RSS, thread count and heap. Then it stops both processes,
 * whatever happened. The targets take turns run by run, so that every comparison between them
 * comes from minutes apart on the same machine, not from the two ends of the sitting.
 *
 * <p>Environment: {@code BENCH_TARGETS=hub,nchan,liberty,hub-jaxrs} to choose targets (default:
 * all); {@code BENCH_QUICK=1} for a small, short matrix (written under target/bench unless
 * {@code BENCH_OUT} names a directory); {@code BENCH_ONLY=name,name} to run some runs only;
 * {@code BENCH_SELECTORS} for the generator's selector threads (default 1); {@code BENCH_HUB_XMX}
 * for the hub's heap; {@code BENCH_HUB_ROOT} for another checkout whose build the hub targets run
 * from; {@code BENCH_PUBLISH_WARMUP} for the publishes before a publish run's measured 20,000
 * (default 150,000: on two cores C2 is still compiling the request path for the first time after
 * 10,000, and the measured window then counts its work). Run from the project root after
 * {@code mvn package} and {@code mvn test-compile}.
 */
public final class BenchDriver {

    private static final String KEY = "ssehub-bench-secret-0123456789-abcdefghij";
    /** The JIT counts as caught up with a run's load once its threads use less than this share of a core... */
    static final double JIT_QUIET_SHARE = 0.05;
    /** ...over this long. */
    static final Duration JIT_QUIET_SPAN = Duration.ofSeconds(5);
    static final Duration JIT_WAIT_MAX = Duration.ofSeconds(120);
    private static final String TOPIC = "bench/load";
    private static final Pattern THREAD_HEADER = Pattern.compile("^\"([^\"]*)\".*");
    /** A reconnect storm resumes this many updates back. */
    static final int STORM_REPLAY = 100;
    /** Subscriptions of a reconnect storm opened and not answered yet, at most. */
    private static final int STORM_MAX_PENDING = 1000;

    private static final Set<Target> EVERY_TARGET = EnumSet.allOf(Target.class);
    private static final Set<Target> HUB_AND_PEER = EnumSet.of(Target.HUB, Target.NCHAN);
    private static final Set<Target> HUB_ONLY = EnumSet.of(Target.HUB);
    /** The data of a publish run's updates, in bytes: the smallest the generator sends, a timestamp and a sequence number. */
    static final int PUBLISH_PAYLOAD = 32;

    enum Kind { LOAD, IDLE, SLOW, STORM, PUBLISH }

    /** A publish run: how many publishers at once, how many publishes warm up and are measured, and the hub's log. */
    record Publishing(int publishers, long warmup, long measured, BenchedLog log) {
    }

    /**
     * One run; {@code series} groups load runs for the chart ("matrix" or "light"); {@code payload}
     * is the data size in bytes; {@code targets} are those it runs against when chosen. A storm's
     * window is its timeout, a publish run's the time it may take at most; only a publish run has
     * {@code publishing}.
     */
    record RunSpec(String name, Kind kind, int subscribers, double rate, double warmup, double window,
                   double slowFraction, boolean threadDumps, String series, int payload, Set<Target> targets, Publishing publishing,
                   RunSpec overloadFirst) {

        RunSpec(String name, Kind kind, int subscribers, double rate, double warmup, double window,
                double slowFraction, boolean threadDumps, String series, int payload, Set<Target> targets) {
            this(name, kind, subscribers, rate, warmup, window, slowFraction, threadDumps, series, payload, targets, null, null);
        }

        RunSpec(String name, Kind kind, int subscribers, double rate, double warmup, double window,
                double slowFraction, boolean threadDumps, String series, Set<Target> targets) {
            this(name, kind, subscribers, rate, warmup, window, slowFraction, threadDumps, series, 100, targets);
        }

        static RunSpec storm(String name, int subscribers, double timeout) {
            return new RunSpec(name, Kind.STORM, subscribers, 0, 0, timeout, 0, false, "", EVERY_TARGET);
        }

        /** Publishing only, with no subscriber, as fast as the target answers; {@code timeout} bounds the whole run. */
        static RunSpec publish(String name, Publishing publishing, double timeout, Set<Target> targets) {
            return new RunSpec(name, Kind.PUBLISH, 0, 0, 0, timeout, 0, false, "", PUBLISH_PAYLOAD, targets, publishing, null);
        }

        /**
         * {@code light} measured on a server that has just been through {@code overload}, whose
         * subscribers all leave when it ends: whether new subscribers are served normally within
         * seconds of an overload, or wait behind what the server still holds for the ones gone.
         */
        static RunSpec afterOverload(String name, RunSpec overload, RunSpec light) {
            return new RunSpec(name, light.kind(), light.subscribers(), light.rate(), light.warmup(), light.window(), 0, false, "",
                    light.payload(), light.targets(), null, overload);
        }
    }

    /** A group of a server's threads of one name: their CPU seconds over the window, and the share of it spent in the kernel. */
    record ThreadCpu(String name, int count, double seconds, double kernelShare) {
    }

    static final class RunResult {
        final RunSpec spec;
        final Target target;
        /** The target's name, with the hub checkout's commit when it is not this checkout's. */
        final String targetLabel;
        final Map<String, String> load = new LinkedHashMap<>();
        final Map<String, Object> server = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        final List<ThreadCpu> topThreads = new ArrayList<>();
        final List<String[]> runnableFrames = new ArrayList<>();
        String threadGroups = "";
        String failure;
        double seconds;

        RunResult(RunSpec spec, Target target, String targetLabel) {
            this.spec = spec;
            this.target = target;
            this.targetLabel = targetLabel;
        }

        double num(String key) {
            String v = load.get(key);
            if (v == null) {
                Object h = server.get(key);
                return h instanceof Number n ? n.doubleValue() : Double.NaN;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        boolean has(String key) {
            return !Double.isNaN(num(key));
        }
    }

    private final Path root;
    private final boolean quick;
    private final String java;
    private final String jcmd;
    private final Path work;
    private final int selectors;
    private final List<Target> targets;
    private final Path hubCheckout;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final Set<BenchedServer> liveServers = ConcurrentHashMap.newKeySet();
    private TargetLauncher launcher;
    private String token;

    private BenchDriver(Path root, boolean quick, List<Target> targets, Path hubCheckout) {
        this.root = root;
        this.quick = quick;
        this.targets = targets;
        this.hubCheckout = hubCheckout;
        String home = System.getProperty("java.home");
        this.java = Path.of(home, "bin", "java").toString();
        this.jcmd = Files.isExecutable(Path.of(home, "bin", "jcmd")) ? Path.of(home, "bin", "jcmd").toString() : "jcmd";
        this.work = root.resolve("target/bench");
        this.selectors = Integer.parseInt(env("BENCH_SELECTORS", "1"));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        boolean quick = "1".equals(env("BENCH_QUICK", "")) || "true".equalsIgnoreCase(env("BENCH_QUICK", ""));
        List<Target> targets;
        try {
            targets = Target.parse(env("BENCH_TARGETS", ""));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: BENCH_TARGETS: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path hubCheckout = Path.of(env("BENCH_HUB_ROOT", root.toString())).toAbsolutePath().normalize();
        BenchDriver driver = new BenchDriver(root, quick, targets, hubCheckout);
        Runtime.getRuntime().addShutdownHook(new Thread(driver::killEverything, "bench-cleanup"));
        System.exit(driver.run());
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    List<RunSpec> matrix() {
        List<RunSpec> runs = new ArrayList<>();
        if (quick) {
            runs.add(new RunSpec("load-200", Kind.LOAD, 200, 100, 3, 6, 0, true, "matrix", EVERY_TARGET));
            runs.add(new RunSpec("load-1k", Kind.LOAD, 1000, 20, 3, 6, 0, true, "matrix", EVERY_TARGET));
            runs.add(new RunSpec("load-2k", Kind.LOAD, 2000, 10, 3, 6, 0, false, "matrix", HUB_AND_PEER));
            runs.add(new RunSpec("light-200", Kind.LOAD, 200, 10, 2, 4, 0, false, "light", HUB_AND_PEER));
            runs.add(new RunSpec("light-2k", Kind.LOAD, 2000, 1, 2, 4, 0, false, "light", HUB_AND_PEER));
            runs.add(new RunSpec("idle-0", Kind.IDLE, 0, 0, 3, 4, 0, false, "", EVERY_TARGET));
            runs.add(new RunSpec("idle-1k", Kind.IDLE, 1000, 0, 3, 4, 0, false, "", EVERY_TARGET));
            runs.add(new RunSpec("idle-2k", Kind.IDLE, 2000, 0, 3, 4, 0, false, "", HUB_AND_PEER));
            runs.add(new RunSpec("slow-200", Kind.SLOW, 200, 100, 3, 12, 0.05, true, "", HUB_AND_PEER));
            runs.add(new RunSpec("pair-50", Kind.LOAD, 50, 100, 3, 20, 0, false, "", 4096, HUB_AND_PEER));
            runs.add(new RunSpec("slow-50", Kind.SLOW, 50, 100, 3, 20, 0.04, false, "", 4096, HUB_AND_PEER));
            runs.add(RunSpec.storm("storm-1k", 1000, 60));
            publishRuns(runs, 2_000, 5_000);
        } else {
            // The requested matrix: about 200,000 deliveries a second offered at every size.
            runs.add(new RunSpec("load-1k", Kind.LOAD, 1000, 200, 10, 25, 0, true, "matrix", EVERY_TARGET));
            runs.add(new RunSpec("load-10k", Kind.LOAD, 10_000, 20, 10, 25, 0, true, "matrix", EVERY_TARGET));
            runs.add(new RunSpec("load-19k", Kind.LOAD, 19_000, 10, 10, 25, 0, true, "matrix", HUB_AND_PEER));
            // The same sizes at a tenth of that, within what the hub delivers here.
            runs.add(new RunSpec("light-1k", Kind.LOAD, 1000, 20, 5, 15, 0, false, "light", HUB_AND_PEER));
            runs.add(new RunSpec("light-10k", Kind.LOAD, 10_000, 2, 5, 15, 0, false, "light", HUB_AND_PEER));
            runs.add(new RunSpec("light-19k", Kind.LOAD, 19_000, 1, 5, 15, 0, false, "light", HUB_AND_PEER));
            // The latency target: p99 within 50 ms at 10k subscribers and 5 updates a second.
            runs.add(new RunSpec("latency-10k", Kind.LOAD, 10_000, 5, 5, 15, 0, false, "", EVERY_TARGET));
            // Memory per idle subscriber is measured against the same target's idle-0.
            runs.add(new RunSpec("idle-0", Kind.IDLE, 0, 0, 5, 10, 0, false, "", EVERY_TARGET));
            runs.add(new RunSpec("idle-10k", Kind.IDLE, 10_000, 0, 5, 10, 0, false, "", EVERY_TARGET));
            runs.add(new RunSpec("idle-19k", Kind.IDLE, 19_000, 0, 5, 10, 0, false, "", HUB_AND_PEER));
            runs.add(new RunSpec("slow-1k", Kind.SLOW, 1000, 200, 10, 25, 0.01, true, "", HUB_AND_PEER));
            // Loopback buffers take about 4 MB per connection before a write blocks, more than slow-1k sends a stuck
            // subscriber. This pair sends 4 KB updates at a size the hub keeps up with, so that the buffers fill early.
            runs.add(new RunSpec("pair-100", Kind.LOAD, 100, 100, 10, 30, 0, false, "", 4096, HUB_AND_PEER));
            runs.add(new RunSpec("slow-100", Kind.SLOW, 100, 100, 10, 30, 0.02, true, "", 4096, HUB_AND_PEER));
            runs.add(RunSpec.storm("storm-10k", 10_000, 120));
            runs.add(RunSpec.afterOverload("recovery-1k",
                    new RunSpec("overload", Kind.LOAD, 1000, 1000, 5, 20, 0, false, "", EVERY_TARGET),
                    new RunSpec("recovery-1k", Kind.LOAD, 1000, 20, 5, 15, 0, false, "", EVERY_TARGET)));
            publishRuns(runs, Long.parseLong(env("BENCH_PUBLISH_WARMUP", "150000")), 20_000);
        }
        String only = env("BENCH_ONLY", "");
        if (!only.isEmpty()) {
            List<String> names = List.of(only.split(","));
            runs.removeIf(run -> !names.contains(run.name()));
        }
        return runs;
    }

    /**
     * Publishing alone: from one connection and from several at once, to each log the hub has; Nchan
     * beside the memory log, the only store it shares with the hub here.
     */
    private static void publishRuns(List<RunSpec> runs, long warmup, long measured) {
        double timeout = 600;
        runs.add(RunSpec.publish("publish-memory-1", new Publishing(1, warmup, measured, BenchedLog.MEMORY), timeout, HUB_AND_PEER));
        runs.add(RunSpec.publish("publish-memory-8", new Publishing(8, warmup, measured, BenchedLog.MEMORY), timeout, HUB_AND_PEER));
        runs.add(RunSpec.publish("publish-file-1", new Publishing(1, warmup / 4, measured / 4, BenchedLog.FILE), timeout, HUB_ONLY));
        runs.add(RunSpec.publish("publish-file-8", new Publishing(8, warmup / 2, measured, BenchedLog.FILE), timeout, HUB_ONLY));
        runs.add(RunSpec.publish("publish-file-32", new Publishing(32, warmup / 2, measured, BenchedLog.FILE), timeout, HUB_ONLY));
        runs.add(RunSpec.publish("publish-redis-32", new Publishing(32, warmup / 2, measured, BenchedLog.REDIS), timeout, HUB_ONLY));
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        if (!Files.isDirectory(root.resolve("target/classes/dev/ssehub")) || !Files.isDirectory(root.resolve("target/lib"))
                || !Files.isDirectory(root.resolve("target/test-classes/dev/ssehub/bench"))) {
            System.err.println("bench: run from the project root after `mvn -DskipTests package test-compile` (make bench does both)");
            return 2;
        }
        if (!Files.isDirectory(hubCheckout.resolve("target/classes/dev/ssehub")) || !Files.isDirectory(hubCheckout.resolve("target/lib"))) {
            System.err.println("bench: " + hubCheckout + " has no build of the hub (target/classes and target/lib): run"
                    + " `mvn -DskipTests package` there first");
            return 2;
        }
        Files.createDirectories(work);
        long files = openFilesLimit();
        // nginx sets its workers' limit itself and needs a number; an unlimited shell gets a generous one.
        launcher = new TargetLauncher(root, hubCheckout, work, System.getProperty("java.home"), jcmd, new HubSettings(KEY),
                files < 0 ? 65_536 : (int) Math.min(files, 1 << 20));
        String missing = missingPrerequisites();
        if (missing != null) {
            System.err.println("bench: " + missing);
            return 2;
        }
        List<RunSpec> runs = matrix();
        int largest = runs.stream().mapToInt(RunSpec::subscribers).max().orElse(0);
        long limit = openFilesLimit();
        long needed = largest + 1000L;
        if (limit >= 0 && limit < needed) {
            System.err.printf(Locale.ROOT, "bench: the open-files limit is %d, but the largest run holds %d connections in the server and"
                    + " as many in the load generator, each needing about %d descriptors. Raise it first (ulimit -n %d,"
                    + " this machine allows %s) or run BENCH_QUICK=1.%n", limit, largest, needed, needed, hardOpenFilesLimit());
            return 2;
        }
        long ports = ephemeralPorts();
        if (ports >= 0 && ports < needed) {
            System.err.printf(Locale.ROOT, "bench: only %d ephemeral ports (net.ipv4.ip_local_port_range) for %d connections%n", ports, largest);
            return 2;
        }
        token = mintToken();
        String hubLabel = hubCheckout.equals(root) ? null : gitHead(hubCheckout);
        long planned = runs.stream().mapToLong(spec -> targets.stream().filter(spec.targets()::contains).count()).sum();
        log("open-files limit %d; %d runs on %s; logs in %s", limit, planned,
                targets.stream().map(t -> t.label).collect(Collectors.joining(", ")), root.relativize(work));

        List<RunResult> results = new ArrayList<>();
        for (RunSpec spec : runs) {
            for (Target target : targets) {
                if (!spec.targets().contains(target)) {
                    continue;
                }
                String label = target.isOurs() && target != Target.LIBERTY && hubLabel != null ? target.label + " @ " + hubLabel : target.label;
                log("=== %s on %s: %d subscribers, %s ===", spec.name(), label, spec.subscribers(), describe(spec));
                RunResult result = new RunResult(spec, target, label);
                long t0 = System.nanoTime();
                try {
                    runOne(spec, target, result);
                } catch (Exception e) {
                    result.failure = e.toString();
                    log("run %s on %s failed: %s", spec.name(), label, e);
                }
                result.seconds = (System.nanoTime() - t0) / 1e9;
                results.add(result);
                log("%s", oneLine(result));
            }
        }
        double total = (System.nanoTime() - started) / 1e9;
        Path outDir = quick ? Path.of(env("BENCH_OUT", work.toString())) : Path.of(env("BENCH_OUT", root.resolve("docs").toString()));
        Files.createDirectories(outDir);
        String base = quick ? "benchmarks-quick" : "benchmarks";
        Path md = outDir.resolve(base + ".md");
        Path svg = outDir.resolve(base + ".svg");
        Files.writeString(svg, Report.svg(results), StandardCharsets.UTF_8);
        String previous = Files.exists(md) ? Files.readString(md, StandardCharsets.UTF_8) : null;
        String generated = Report.markdown(results, machine(), launcher.descriptions(), quick, total, svg.getFileName().toString());
        Files.writeString(md, Report.keepingHandWritten(generated, previous), StandardCharsets.UTF_8);
        log("wrote %s and %s after %.0f s", root.relativize(md.toAbsolutePath()), root.relativize(svg.toAbsolutePath()), total);
        return 0;
    }

    /** What a chosen target needs and this machine lacks, or null. */
    private String missingPrerequisites() {
        if (targets.contains(Target.NCHAN) && (!Files.isExecutable(BenchedNchan.NGINX) || !Files.exists(BenchedNchan.MODULE))) {
            return "the nchan target needs nginx and libnginx-mod-nchan (make bench installs them), or leave it out of BENCH_TARGETS";
        }
        if (targets.contains(Target.LIBERTY) && (!Files.isExecutable(launcher.wlp().resolve("bin/server"))
                || !Files.exists(root.resolve("target/ssehub.war")))) {
            return "the liberty target needs target/ssehub.war and Open Liberty in target/liberty/wlp (make bench runs mvn package"
                    + " liberty:create liberty:install-feature), or leave it out of BENCH_TARGETS";
        }
        return null;
    }

    private static String describe(RunSpec spec) {
        return switch (spec.kind()) {
            case IDLE -> "idle";
            case STORM -> "each resuming " + STORM_REPLAY + " updates back";
            case PUBLISH -> spec.publishing().publishers() + " publisher(s) on " + spec.publishing().log().label + ", "
                    + spec.publishing().warmup() + " publishes to warm up, " + spec.publishing().measured() + " measured";
            default -> fmt(spec.rate()) + " updates/s of " + spec.payload() + " bytes"
                    + (spec.slowFraction() > 0 ? ", " + fmt(spec.slowFraction() * 100) + "% never read" : "");
        };
    }

    /**
     * Starts a load generator for the run against the target's port. {@code idPrefix} names its
     * updates; with {@code sync} it waits for the driver to sample the server at the start and end
     * of its window.
     */
    private Process startGenerator(RunSpec spec, Target target, int port, String idPrefix, boolean sync) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx1g", "-cp", "target/test-classes",
                LoadGenerator.class.getName(), "--host", "127.0.0.1", "--port", Integer.toString(port), "--topic", TOPIC,
                "--subscribers", Integer.toString(spec.subscribers()), "--selectors", Integer.toString(selectors),
                "--window", fmt(spec.window()), "--payload", Integer.toString(spec.payload()), "--id-prefix", idPrefix));
        if (sync) {
            command.add("--sync");
        }
        command.addAll(target.generatorOptions(TOPIC));
        if (spec.kind() == Kind.STORM) {
            command.addAll(List.of("--storm-replay", Integer.toString(STORM_REPLAY), "--max-in-flight", Integer.toString(STORM_MAX_PENDING)));
        } else if (spec.kind() == Kind.PUBLISH) {
            Publishing publishing = spec.publishing();
            command.addAll(List.of("--publishers", Integer.toString(publishing.publishers()), "--warmup-publishes",
                    Long.toString(publishing.warmup()), "--publishes", Long.toString(publishing.measured()), "--publish-timeout", fmt(spec.window())));
        } else {
            command.addAll(List.of("--rate", fmt(spec.rate()), "--warmup", fmt(spec.warmup()), "--drain", "5",
                    "--slow-fraction", fmt(spec.slowFraction()), "--connect-rate", "2000", "--max-in-flight", "256",
                    "--connect-timeout", quick ? "60" : "150"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SSEHUB_BENCH_TOKEN", token);
        Process generator = builder.start();
        live.add(generator);
        return generator;
    }

    private void runOne(RunSpec spec, Target target, RunResult result) throws Exception {
        BenchedLog.Store store = spec.kind() == Kind.PUBLISH && target.isOurs()
                ? spec.publishing().log().open(work.resolve(spec.name() + "-" + target.label + "-log"))
                : BenchedLog.Store.NONE;
        try {
            runOne(spec, target, result, store);
        } finally {
            store.close();
        }
    }

    private void runOne(RunSpec spec, Target target, RunResult result, BenchedLog.Store store) throws Exception {
        long startingAt = System.nanoTime();
        BenchedServer server = launcher.start(target, spec.name(), store.hubEnvironment());
        liveServers.add(server);
        result.server.put("start_s", (System.nanoTime() - startingAt) / 1e9);
        result.server.put("max_heap_mb", TargetLauncher.maxHeapMb(target));
        Process generator = null;
        try {
            ProcessGroup processes = server.processes();
            result.server.put("port", server.port());
            if (spec.overloadFirst() != null) {
                overload(spec.overloadFirst(), target, server.port(), result);
            }
            result.server.put("rss_start_mb", mib(processes.status("VmRSS")));
            generator = startGenerator(spec, target, server.port(), "b", true);
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Process gen = generator;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(gen.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the generator ended
                }
                lines.add("EOF");
            }, "generator-output");
            reader.setDaemon(true);
            reader.start();

            double budget = spec.kind() == Kind.PUBLISH ? spec.window() + 90
                    : (quick ? 60 : 150) + spec.warmup() + JIT_WAIT_MAX.toSeconds() + spec.window() + 90;
            long deadline = System.nanoTime() + (long) (budget * 1e9);
            long cpuStart = -1;
            long storeCpuStart = -1;
            long windowStartNanos = 0;
            Map<String, CpuTicks> threadsStart = Map.of();
            Sampler sampler = null;
            boolean ended = false;
            try (OutputStream acks = gen.getOutputStream()) {
                while (!ended) {
                    long left = deadline - System.nanoTime();
                    String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                    if (line == null) {
                        result.failure = "the load generator did not finish within " + fmt(budget) + " s";
                        break;
                    }
                    if (line.startsWith("MARK warmed_up")) {
                        // After an overload the first seconds are the point: those runs are measured as they come.
                        boolean settle = spec.overloadFirst() == null;
                        result.server.put("jit_wait_s", settle ? awaitJitCaughtUp(processes, result.target.isOurs(), deadline) : 0);
                        acknowledge(acks);
                    } else if (line.startsWith("MARK measure_start")) {
                        cpuStart = processes.cpuTicks();
                        storeCpuStart = store.cpuTicks();
                        threadsStart = processes.threadTicks();
                        windowStartNanos = System.nanoTime();
                        sampler = new Sampler(processes);
                        sampler.start();
                        acknowledge(acks);
                    } else if (line.startsWith("MARK measure_end")) {
                        long cpuEnd = processes.cpuTicks();
                        long storeCpuEnd = store.cpuTicks();
                        if (storeCpuStart >= 0 && storeCpuEnd >= 0) {
                            result.server.put("store_cpu_s", (storeCpuEnd - storeCpuStart) / (double) ProcessGroup.CLOCK_TICKS);
                        }
                        Map<String, CpuTicks> threadsEnd = processes.threadTicks();
                        double windowSecs = (System.nanoTime() - windowStartNanos) / 1e9;
                        if (sampler != null) {
                            sampler.finish();
                            result.server.put("threads_max", known(sampler.maxThreads));
                            result.server.put("rss_max_mb", mib(sampler.maxRssKb));
                        }
                        sampleAtWindowEnd(server, spec, result, cpuStart, cpuEnd, windowSecs, threadsStart, threadsEnd);
                        acknowledge(acks);
                    } else if (line.startsWith("RESULT ")) {
                        Files.writeString(work.resolve(spec.name() + "-" + target.label + "-result.txt"), line + "\n", StandardCharsets.UTF_8);
                        result.load.putAll(resultFields(line));
                    } else if (line.equals("EOF")) {
                        ended = true;
                    }
                }
            }
            if (!generator.waitFor(20, TimeUnit.SECONDS)) {
                generator.destroyForcibly();
                generator.waitFor(10, TimeUnit.SECONDS);
            }
            if (generator.exitValue() != 0 && result.failure == null) {
                result.failure = "the load generator exited with " + generator.exitValue();
            }
            if (result.load.isEmpty() && result.failure == null) {
                result.failure = "the load generator reported nothing";
            }
            if (spec.kind() == Kind.STORM && "true".equals(result.load.get("storm_timed_out")) && result.failure == null) {
                result.failure = "not every subscriber had caught up within " + fmt(spec.window()) + " s";
            }
            if (spec.kind() == Kind.PUBLISH && "true".equals(result.load.get("publish_timed_out")) && result.failure == null) {
                result.failure = "the publishes were not all answered within " + fmt(spec.window()) + " s";
            }
        } finally {
            if (generator != null && generator.isAlive()) {
                generator.destroyForcibly();
                generator.waitFor(10, TimeUnit.SECONDS);
            }
            if (generator != null) {
                live.remove(generator);
            }
            String exitedEarly = server.exitStatus();
            long stopStart = System.nanoTime();
            boolean killed = server.stop();
            liveServers.remove(server);
            result.server.put("stop_s", (System.nanoTime() - stopStart) / 1e9);
            if (killed) {
                result.notes.add("the server did not stop when asked and was killed");
            }
            readServerLog(server, result, exitedEarly);
        }
    }

    /**
     * Runs the overload to its end, unsampled, and notes what it got: the generator then exits and
     * its subscribers' connections close, leaving the server whatever it still holds for them.
     */
    private void overload(RunSpec overload, Target target, int port, RunResult result) throws IOException, InterruptedException {
        // Ids of their own: the measured run's publisher numbers its updates from 0 again, and a hub
        // that still holds an id refuses it with different data (409).
        Process generator = startGenerator(overload, target, port, "overload", false);
        try {
            CompletableFuture<String> report = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8))) {
                    return in.lines().filter(line -> line.startsWith("RESULT ")).reduce("", (first, next) -> next);
                } catch (IOException e) {
                    return "";
                }
            });
            double budget = (quick ? 60 : 150) + overload.warmup() + overload.window() + 90;
            if (!generator.waitFor((long) budget, TimeUnit.SECONDS)) {
                result.failure = "the overload did not end within " + fmt(budget) + " s";
                return;
            }
            Map<String, String> got = resultFields(report.get(10, TimeUnit.SECONDS));
            if (!got.containsKey("deliveries_per_s")) {
                result.failure = "the overload's generator reported nothing";
                return;
            }
            result.notes.add(String.format(Locale.ROOT, "measured right after an overload of %d subscribers × %s updates/s for %s s, "
                            + "which got %s of %s deliveries/s (%s updates/s published) at p99 %s ms and then all left",
                    overload.subscribers(), fmt(overload.rate()), fmt(overload.window()), got.get("deliveries_per_s"),
                    got.get("expected_per_s"), got.get("publish_rate"), got.get("p99_ms")));
        } catch (ExecutionException | TimeoutException e) {
            result.failure = "the overload's generator reported nothing";
        } finally {
            generator.destroyForcibly();
            generator.waitFor(10, TimeUnit.SECONDS);
            live.remove(generator);
        }
    }

    /** The {@code name=value} fields of the generator's {@code RESULT} line. */
    private static Map<String, String> resultFields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    /** kB from /proc in MiB; NaN for the -1 of a process that is gone. */
    private static double mib(long kb) {
        return kb < 0 ? Double.NaN : kb / 1024.0;
    }

    /** A count from /proc; NaN for the -1 of a process that is gone. */
    private static double known(long count) {
        return count < 0 ? Double.NaN : count;
    }

    /**
     * Waits, the load going on, until the server's compiler threads have used less than
     * {@link #JIT_QUIET_SHARE} of a core over {@link #JIT_QUIET_SPAN}, at most {@link #JIT_WAIT_MAX}:
     * on two cores busy with the load, C2 compiles the request and write paths far behind it, and a
     * window that counted that work (a sixth of the hub's CPU in load-1k after its 5 s warm-up)
     * would measure the warm-up, not the server that runs for days. A server not on a JVM has
     * nothing to wait for. The seconds waited, which are {@link #JIT_WAIT_MAX} when the JIT never
     * went quiet.
     */
    private static double awaitJitCaughtUp(ProcessGroup processes, boolean jvm, long deadline) throws InterruptedException {
        if (!jvm) {
            return 0;
        }
        long started = System.nanoTime();
        long giveUp = Math.min(deadline, started + JIT_WAIT_MAX.toNanos());
        Map<String, CpuTicks> before = processes.threadTicks();
        while (System.nanoTime() < giveUp) {
            Thread.sleep(JIT_QUIET_SPAN.toMillis());
            Map<String, CpuTicks> after = processes.threadTicks();
            if (seconds(threadGroups(before, after), ThreadRole.JIT, true) < JIT_QUIET_SHARE * JIT_QUIET_SPAN.toMillis() / 1000.0) {
                break;
            }
            before = after;
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The CPU seconds of the groups whose threads have this role. */
    static double seconds(List<ThreadCpu> groups, ThreadRole role, boolean jvm) {
        return groups.stream().filter(g -> ThreadRole.of(g.name(), jvm) == role).mapToDouble(ThreadCpu::seconds).sum();
    }

    /** Tells the generator that the server has been sampled, or has settled, so it may go on. */
    private static void acknowledge(OutputStream acks) {
        try {
            acks.write("go\n".getBytes(StandardCharsets.US_ASCII));
            acks.flush();
        } catch (IOException generatorGone) {
            // it ended; its output says why
        }
    }

    private void sampleAtWindowEnd(BenchedServer server, RunSpec spec, RunResult result, long cpuStart, long cpuEnd, double windowSecs,
                                   Map<String, CpuTicks> threadsStart, Map<String, CpuTicks> threadsEnd) throws IOException, InterruptedException {
        ProcessGroup processes = server.processes();
        if (cpuStart >= 0 && cpuEnd >= 0) {
            double cpu = (cpuEnd - cpuStart) / (double) ProcessGroup.CLOCK_TICKS;
            result.server.put("server_cpu_s", cpu);
            result.server.put("server_cores", cpu / windowSecs);
        }
        result.server.put("rss_mb", mib(processes.status("VmRSS")));
        result.server.put("pss_mb", mib(processes.pssKb()));
        result.server.put("rss_peak_mb", mib(processes.status("VmHWM")));
        result.server.put("threads", known(processes.status("Threads")));
        result.server.put("processes", processes.isAlive() ? processes.pids().size() : Double.NaN);
        result.server.put("open_files", known(processes.openFiles()));
        Optional<JvmDiagnostics> jvm = server.jvm();
        long[] heap = jvm.map(JvmDiagnostics::heapKb).orElse(null);
        if (heap != null) {
            result.server.put("heap_used_mb", heap[0] / 1024.0);
            result.server.put("heap_committed_mb", heap[1] / 1024.0);
        }
        List<ThreadCpu> groups = threadGroups(threadsStart, threadsEnd);
        groups.stream()
                .sorted(Comparator.comparingDouble(ThreadCpu::seconds).reversed())
                .limit(6)
                .filter(g -> g.seconds() > 0)
                .forEach(result.topThreads::add);
        StringBuilder groupsText = new StringBuilder();
        groups.stream().sorted(Comparator.comparingInt(ThreadCpu::count).reversed()).limit(8)
                .forEach(g -> groupsText.append(groupsText.length() == 0 ? "" : ", ").append(g.count()).append(" × ").append(g.name()));
        result.threadGroups = groupsText.toString();
        if (spec.kind() == Kind.PUBLISH) {
            for (ThreadRole role : ThreadRole.values()) {
                result.server.put(role.cpuKey(), seconds(groups, role, result.target.isOurs()));
            }
        }
        if (spec.threadDumps() && jvm.isPresent()) {
            threadDumps(jvm.get(), spec, result);
        }
        if (spec.kind() == Kind.IDLE) {
            if (jvm.isPresent()) {
                jvm.get().run("GC.run");
                long[] afterGc = jvm.get().heapKb();
                if (afterGc != null) {
                    result.server.put("heap_after_gc_mb", afterGc[0] / 1024.0);
                }
            }
            result.server.put("rss_after_gc_mb", mib(processes.status("VmRSS")));
        }
    }

    /**
     * CPU per thread over the window, grouped by thread name without its number, in name order; a
     * thread that started during the window counts from nothing.
     */
    static List<ThreadCpu> threadGroups(Map<String, CpuTicks> start, Map<String, CpuTicks> end) {
        Map<String, CpuTicks> ticks = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Map.Entry<String, CpuTicks> e : end.entrySet()) {
            String group = group(e.getKey().substring(e.getKey().indexOf(' ') + 1));
            CpuTicks window = e.getValue().since(start.getOrDefault(e.getKey(), CpuTicks.NONE));
            ticks.merge(group, window, CpuTicks::plus);
            counts.merge(group, 1, Integer::sum);
        }
        List<ThreadCpu> groups = new ArrayList<>();
        ticks.forEach((name, t) -> groups.add(new ThreadCpu(name, counts.get(name), t.total() / (double) ProcessGroup.CLOCK_TICKS,
                t.total() == 0 ? Double.NaN : t.system() / (double) t.total())));
        return groups;
    }

    /** A few thread dumps while the load is still on; where the busy threads are. */
    private void threadDumps(JvmDiagnostics jvm, RunSpec spec, RunResult result) throws IOException, InterruptedException {
        Path file = work.resolve(spec.name() + "-" + result.target.label + "-threads.txt");
        StringBuilder all = new StringBuilder();
        Map<String, Integer> frames = new HashMap<>();
        int samples = 4;
        for (int i = 0; i < samples; i++) {
            String dump = jvm.run("Thread.print");
            if (dump == null) {
                break;
            }
            all.append("==== sample ").append(i + 1).append(" ====\n").append(dump).append('\n');
            for (String block : dump.split("\n\n")) {
                String[] blockLines = block.strip().split("\n");
                if (blockLines.length < 3) {
                    continue;
                }
                Matcher m = THREAD_HEADER.matcher(blockLines[0]);
                if (!m.matches() || !blockLines[1].contains("RUNNABLE")) {
                    continue;
                }
                String top = interestingFrame(blockLines);
                if (top == null) {
                    continue;
                }
                frames.merge(group(m.group(1)) + " @ " + top, 1, Integer::sum);
            }
            Thread.sleep(250);
        }
        Files.writeString(file, all.toString(), StandardCharsets.UTF_8);
        frames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                .forEach(e -> result.runnableFrames.add(new String[] {e.getKey(), e.getValue() + " in " + samples + " dumps"}));
    }

    /** The top frame of a runnable thread, or null when it is only waiting for I/O or work. */
    private static String interestingFrame(String[] lines) {
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("at ")) {
                continue;
            }
            String frame = line.substring(3).replaceAll("\\(.*\\)$", "");
            if (frame.startsWith("sun.nio.ch.EPoll.wait") || frame.startsWith("sun.nio.ch.Net.accept")
                    || frame.startsWith("java.lang.ref.Reference.waitForReferencePendingList")
                    || frame.startsWith("sun.nio.ch.SocketDispatcher.read")) {
                return null;
            }
            return frame;
        }
        return null;
    }

    /** A thread's name without its number: "grizzly-http-server-3" and "...-7" are one group. */
    static String group(String name) {
        String g = name.replaceAll("\\(\\d+\\)", "(#)").replaceAll("[-#_ .]*\\d+$", "");
        return g.isEmpty() ? name : g;
    }

    private void readServerLog(BenchedServer server, RunResult result, String exitedEarly) {
        String text = server.logText();
        if (exitedEarly != null) {
            result.notes.add("the server had ended (" + exitedEarly + ") before the run did");
            if (result.failure == null) {
                result.failure = "the server ended early";
            }
        }
        int oom = count(text, "OutOfMemoryError");
        List<String> warnings = server.warnings();
        result.server.put("too_slow_cutoffs", count(text, "reason=too_slow"));
        result.server.put("log_warnings", warnings.size());
        if (oom > 0) {
            result.notes.add("the server's log shows OutOfMemoryError (" + oom + "×)");
        }
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (String line : warnings) {
            // Without the time stamp in front and with numbers as N, repeats of one warning count as one kind.
            String kind = line.replaceFirst("^(\\[[^]]*]|\\S+)\\s+", "").replaceAll("\\d+", "N");
            kind = kind.length() > 140 ? kind.substring(0, 140) + "…" : kind;
            kinds.merge(kind, 1, Integer::sum);
        }
        kinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(e -> result.notes.add("server log, " + e.getValue() + "×: `" + e.getKey().replace('`', '\'') + "`"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    private String mintToken() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-cp", "target/classes:target/lib/*", "dev.ssehub.cli.Cli", "token",
                "--key", KEY, "--publish", "*", "--ttl", "2h").directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("could not mint a token: " + out);
        }
        String[] lines = out.split("\n");
        return lines[lines.length - 1].strip();
    }

    private static long openFilesLimit() {
        return limitColumn(3);
    }

    private static String hardOpenFilesLimit() {
        long hard = limitColumn(4);
        return hard < 0 ? "unlimited" : Long.toString(hard);
    }

    /** Column 3 (soft) or 4 (hard) of "Max open files" in /proc/self/limits; -1 if unlimited or unknown. */
    private static long limitColumn(int column) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return parts[column - 3].equals("unlimited") ? -1 : Long.parseLong(parts[column - 3]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        try {
            List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
            long cores = cpuinfo.stream().filter(l -> l.startsWith("processor")).count();
            String model = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            m.put("cpu", cores + " × " + model + " (" + Runtime.getRuntime().availableProcessors() + " available to the JVM)");
            String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().orElse("MemTotal: 0 kB");
            long kb = Long.parseLong(mem.replaceAll("\\D+", ""));
            m.put("memory", String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0));
            m.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        } catch (IOException | RuntimeException e) {
            m.putIfAbsent("cpu", "unknown");
        }
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        if (targets.contains(Target.NCHAN)) {
            m.put("nginx", BenchedNchan.nginxVersion());
            m.put("nchan", BenchedNchan.nchanVersion());
        }
        if (targets.contains(Target.LIBERTY)) {
            m.put("liberty", "Open Liberty " + BenchedLiberty.version(launcher.wlp()));
        }
        m.put("open_files", openFilesLimit() + " (soft), " + hardOpenFilesLimit() + " (hard)");
        m.put("commit", gitHead(root));
        if (!hubCheckout.equals(root)) {
            m.put("hub_checkout", "`" + hubCheckout + "` at " + gitHead(hubCheckout));
        }
        m.put("load_average", loadAverage());
        m.put("selectors", Integer.toString(selectors));
        return m;
    }

    /** The 1, 5 and 15 minute load averages, to tell a quiet sitting from a busy one. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The commit checked out in {@code checkout}, marked when its tracked files have changes; "unknown" without git. */
    static String gitHead(Path checkout) {
        String head = output(List.of("git", "-C", checkout.toString(), "rev-parse", "--short=12", "HEAD"));
        if (head == null || head.isBlank() || head.contains("fatal")) {
            return "unknown";
        }
        String changes = output(List.of("git", "-C", checkout.toString(), "status", "--porcelain", "--untracked-files=no"));
        return head.strip() + (changes != null && !changes.isBlank() ? " with uncommitted changes" : "");
    }

    /** What a short command prints (standard output and error), or null when it cannot run or fails. Bounded to 30 s. */
    static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void killEverything() {
        for (Process p : live) {
            p.destroyForcibly();
        }
        for (BenchedServer server : liveServers) {
            server.stop();
        }
    }

    private static String oneLine(RunResult r) {
        String name = r.spec.name() + " on " + r.targetLabel;
        if (r.load.isEmpty()) {
            return name + ": " + (r.failure == null ? "no result" : r.failure);
        }
        if (r.spec.kind() == Kind.PUBLISH) {
            return String.format(Locale.ROOT, "%s: %s publishes/s from %d publisher(s), round trip p50 %s ms, p99 %s ms, server %s µs CPU/publish"
                            + " (request threads %s, JIT %s, GC %s), failed requests %s%s", name, r.load.get("publish_rate"),
                    r.spec.publishing().publishers(), r.load.get("pub_p50_ms"), r.load.get("pub_p99_ms"),
                    fmt(Report.cpuPerPublish(r, "server_cpu_s")), fmt(Report.cpuPerPublish(r, ThreadRole.REQUEST.cpuKey())),
                    fmt(Report.cpuPerPublish(r, ThreadRole.JIT.cpuKey())), fmt(Report.cpuPerPublish(r, ThreadRole.GC.cpuKey())),
                    r.load.get("pub_failed_requests"), r.failure == null ? "" : " [" + r.failure + "]");
        }
        if (r.spec.kind() == Kind.STORM) {
            return String.format(Locale.ROOT, "%s: %s/%s subscribers caught up in %s s, %s of %s replayed events, server CPU %.2f s,"
                            + " gaps %s, dup %s%s", name, r.load.get("caught_up"), r.load.get("subscribers"), r.load.get("storm_secs"),
                    r.load.get("deliveries_total"), r.load.get("storm_expected"), r.num("server_cpu_s"), r.load.get("gaps"),
                    r.load.get("duplicates"), r.failure == null ? "" : " [" + r.failure + "]");
        }
        return String.format(Locale.ROOT, "%s: %s/%s subscribers, %s deliveries/s (expected %s), p50 %s ms, p99 %s ms, max %s ms,"
                        + " server %.2f cores, %s µs CPU/delivery, RSS %.0f MiB, %s%s",
                name, r.load.get("established"), r.load.get("subscribers"), r.load.get("deliveries_per_s"),
                r.load.get("expected_per_s"), r.load.get("p50_ms"), r.load.get("p99_ms"), r.load.get("max_ms"),
                r.num("server_cores"), fmt(Report.cpuPerDelivery(r)), r.num("rss_mb"), "gaps " + r.load.get("gaps"),
                r.failure == null ? "" : " [" + r.failure + "]");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    private static void log(String format, Object... args) {
        System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    /** Samples the server's thread count and RSS once a second during the window. */
    private static final class Sampler extends Thread {
        private final ProcessGroup processes;
        private volatile boolean done;
        volatile long maxThreads = -1;
        volatile long maxRssKb = -1;

        Sampler(ProcessGroup processes) {
            super("server-sampler");
            setDaemon(true);
            this.processes = processes;
        }

        @Override
        public void run() {
            while (!done) {
                maxThreads = Math.max(maxThreads, processes.status("Threads"));
                maxRssKb = Math.max(maxRssKb, processes.status("VmRSS"));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            done = true;
            interrupt();
            join(2000);
        }
    }
}
