package dev.ssehub.bench;

import dev.ssehub.bench.BenchDriver.Kind;
import dev.ssehub.bench.BenchDriver.RunResult;
import dev.ssehub.bench.BenchDriver.ThreadCpu;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes the results as Markdown and as a small hand-made SVG chart. */
final class Report {

    /** When the bench counts a server's JIT as caught up with the load, in words. */
    private static final String JIT_QUIET = String.format(Locale.ROOT, "%.0f %% of a core over %d s, at most %d s",
            BenchDriver.JIT_QUIET_SHARE * 100, BenchDriver.JIT_QUIET_SPAN.toSeconds(), BenchDriver.JIT_WAIT_MAX.toSeconds());

    /** Everything after this line of the committed Markdown is written by hand and kept when the figures are regenerated. */
    static final String HAND_WRITTEN_MARKER = "<!-- Written by hand: make bench keeps everything below this line. -->";

    private Report() {
    }

    /** The generated Markdown followed by the hand-written part of the previous file, if it had one. */
    static String keepingHandWritten(String generated, String previous) {
        int marker = previous == null ? -1 : previous.indexOf(HAND_WRITTEN_MARKER);
        if (marker < 0) {
            return generated;
        }
        return generated + "\n" + previous.substring(marker);
    }

    /** Server CPU µs per delivery in the window (per replayed event in a storm); NaN without deliveries. */
    static double cpuPerDelivery(RunResult r) {
        double deliveries = r.num("deliveries_window");
        double cpu = r.num("server_cpu_s");
        return deliveries > 0 && !Double.isNaN(cpu) ? cpu / deliveries * 1e6 : Double.NaN;
    }

    /** Server CPU µs per publish answered in the window, from the CPU seconds under {@code key}; NaN without publishes. */
    static double cpuPerPublish(RunResult r, String key) {
        double publishes = r.num("published_window");
        double cpu = r.num(key);
        return publishes > 0 && !Double.isNaN(cpu) ? cpu / publishes * 1e6 : Double.NaN;
    }

    static long errors(RunResult r) {
        String[] keys = {"connect_failed", "connect_unanswered", "bad_status", "disconnects", "read_errors", "unparsable",
                "pub_failed_requests"};
        long sum = 0;
        for (String key : keys) {
            double v = r.num(key);
            if (!Double.isNaN(v)) {
                sum += (long) v;
            }
        }
        return sum;
    }

    /** A run whose figures stand on less than everything it was offered: it failed, lost or repeated updates, or had errors. */
    static boolean flawed(RunResult r) {
        return r.failure != null || r.load.isEmpty() || errors(r) > 0 || r.num("gaps") > 0 || r.num("undelivered_at_end") > 0
                || r.num("duplicates") > 0;
    }

    /**
     * A run whose publisher did not reach the set rate (its requests waited for the server): the
     * load it offered was lower than asked, so figures beside another run's are not at the same load.
     */
    static boolean underOffered(RunResult r) {
        return r.spec.rate() > 0 && r.has("publish_rate") && r.num("publish_rate") < 0.95 * r.spec.rate();
    }

    /** Ours over theirs; NaN when either figure is missing or theirs is not positive. */
    static double ratio(double ours, double theirs) {
        if (Double.isNaN(ours) || Double.isNaN(theirs) || theirs <= 0 || ours < 0) {
            return Double.NaN;
        }
        return ours / theirs;
    }

    /** A table cell "ours / theirs = **ratio×**", marked ⚠ when a run behind either figure is flawed. */
    static String versus(double ours, double theirs, boolean flawed) {
        double ratio = ratio(ours, theirs);
        String figures = fmt(ours) + " / " + fmt(theirs);
        return (Double.isNaN(ratio) ? figures : figures + " = **" + fmt(ratio) + "×**") + (flawed ? " ⚠" : "");
    }

    /** (value with N subscribers − value with none) / N in KiB, for a figure in MiB; N is the subscribers actually connected. */
    static double perSubscriberKb(RunResult idle, RunResult none, String key) {
        double connected = idle.has("established") ? idle.num("established") : idle.spec.subscribers();
        if (none == null || connected <= 0) {
            return Double.NaN;
        }
        return (idle.num(key) - none.num(key)) * 1024 / connected;
    }

    static String markdown(List<RunResult> results, Map<String, String> machine, Map<Target, String> targets, boolean quick,
                           double totalSeconds, String svgName) {
        List<String> labels = results.stream().map(r -> r.targetLabel).distinct().toList();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        if (quick) {
            md.append("**Quick mode (`BENCH_QUICK=1`): small sizes and short windows, for checking the harness; not figures to quote.**\n\n");
        }
        md.append("Our hub, standalone and as a WAR, side by side with Nchan, measured by `make bench` (`dev.ssehub.bench.BenchDriver` in ")
                .append("`src/test/java`). Every run starts a fresh server and a separate load-generator JVM on the same machine, both on ")
                .append("127.0.0.1. The targets take turns run by run (a run on each, then the next run), so that the figures set side by ")
                .append("side below were taken minutes apart. The targets:\n\n");
        Set<Target> present = new LinkedHashSet<>();
        results.forEach(r -> present.add(r.target));
        for (Target target : present) {
            md.append("- **").append(target.label).append("**: ").append(targets.getOrDefault(target, "")).append('\n');
        }
        md.append("- load: `java -Xmx1g -cp target/test-classes dev.ssehub.bench.LoadGenerator ...` — ")
                .append(machine.get("selectors")).append(" NIO selector thread(s) holding every subscriber connection ")
                .append("(no thread per connection), and one thread publishing on a keep-alive HTTP/1.1 connection: a form to ")
                .append("`/.well-known/mercure` for our targets, the raw data to the channel's URL for Nchan\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Command | `make bench` (").append(quick ? "quick, " : "").append("the matrix took ")
                .append(String.format(Locale.ROOT, "%.1f", totalSeconds / 60)).append(" min) |\n");
        md.append("| Date | ").append(machine.get("date")).append(" |\n");
        md.append("| CPU | ").append(machine.get("cpu")).append(" |\n");
        md.append("| Memory | ").append(machine.get("memory")).append(" |\n");
        md.append("| Kernel | Linux ").append(machine.get("kernel")).append(" |\n");
        md.append("| JDK | ").append(machine.get("jdk")).append(" |\n");
        if (machine.containsKey("nginx")) {
            md.append("| nginx | ").append(machine.get("nginx")).append(" |\n");
            md.append("| Nchan | ").append(machine.get("nchan")).append(" |\n");
        }
        if (machine.containsKey("liberty")) {
            md.append("| App server | ").append(machine.get("liberty")).append(" |\n");
        }
        md.append("| Open files | ").append(machine.get("open_files")).append(" per process |\n");
        md.append("| Load average at the end | ").append(machine.get("load_average")).append(" (1, 5, 15 min) |\n");
        md.append("| Commit | ").append(machine.get("commit")).append(" |\n");
        if (machine.containsKey("hub_checkout")) {
            md.append("| Hub targets built from | ").append(machine.get("hub_checkout")).append(" (`BENCH_HUB_ROOT`) |\n");
        }
        md.append('\n');

        againstNchan(md, results);

        md.append("## Results\n\n");
        md.append("Latency is publish → receive: the publisher puts `Instant.now()` in epoch microseconds and a sequence number into each ")
                .append("update's data, the subscriber side reads the clock when the read that completes the event returns (same machine, same clock). ")
                .append("Deliveries, latency and server CPU cover the measured window only, after connecting, a warm-up at full rate, and more ")
                .append("of it until a JVM server's C1 and C2 threads use under ").append(JIT_QUIET).append(" (the JIT wait in the details; ")
                .append("not in `recovery-1k`, whose first seconds after the overload are the point). ")
                .append("Server CPU is utime + stime from `/proc/<pid>/stat` over the window, summed over the server's processes (for nginx, ")
                .append("the master and its workers); CPU µs per delivery divides it by the deliveries in the window. RSS is `VmRSS` at the end ")
                .append("of the window, summed likewise (nginx's workers share Nchan's memory zone, so their sum counts shared pages more than once; ")
                .append("the proportional set size, which does not, is in the details). Heap used is from `jcmd GC.heap_info` (includes garbage). ")
                .append("Gaps are updates a subscriber skipped (by the sequence number in the data), Dup/OOO ones that came again or late; ")
                .append("Missing at end are updates still not delivered 5 s after publishing stopped. ⚠ marks a run that did not complete. ")
                .append("Percentiles come from a log-linear histogram with about 1.6% resolution.\n\n");
        for (String label : labels) {
            List<RunResult> rows = results.stream()
                    .filter(r -> r.targetLabel.equals(label) && r.spec.kind() != Kind.STORM && r.spec.kind() != Kind.PUBLISH).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.append("### ").append(label).append("\n\n");
            resultsTable(md, rows);
            md.append('\n');
        }
        if (results.stream().anyMatch(r -> "light".equals(r.spec.series()))) {
            md.append("`load-*` are the requested matrix, about 200,000 deliveries a second offered at each size. `light-*` are not in it: ")
                    .append("the same sizes at a tenth of the rate, so that latency there is the server's own and not a queue's.");
            if (results.stream().anyMatch(r -> r.spec.name().startsWith("pair-"))) {
                md.append(" `pair-*` is the baseline for the slow-consumer run of the same size, one where the hub keeps up; both send 4 KB updates instead of about 100 bytes.");
            }
            if (results.stream().anyMatch(r -> r.spec.name().equals("latency-10k"))) {
                md.append(" `latency-10k` is the rate of the latency target: p99 within 50 ms at 10k subscribers × 5 updates/s.");
            }
            md.append("\n\n");
        }
        md.append("![p99 latency and server CPU per delivery against subscribers, per target](").append(svgName).append(")\n\n");

        md.append("### Errors and other details per run\n\n");
        for (RunResult r : results) {
            details(md, r);
        }
        md.append('\n');

        storms(md, results);
        publishing(md, results);
        idleMemory(md, results, labels);
        slowConsumers(md, results);

        md.append("## Where the CPU goes\n\n");
        md.append("CPU seconds per server thread over the measured window (from `/proc/<pid>/task/*/stat`, threads grouped by name without their number, ")
                .append("nginx's processes by their title), in brackets the share the kernel spent on their behalf (stime over utime + stime: for a ")
                .append("thread that writes to sockets, mostly its `write(2)` calls), and, on a JVM, where runnable threads stood in a few `jcmd Thread.print` samples taken ")
                .append("just after the window, with the load still on (threads blocked in `epoll_wait` or a socket read are left out). Full dumps ")
                .append("are in `target/bench/<run>-<target>-threads.txt`.\n\n");
        for (RunResult r : results) {
            if (r.topThreads.isEmpty()) {
                continue;
            }
            md.append("- **").append(r.spec.name()).append(" on ").append(r.targetLabel).append("** (").append(fmt(r.num("threads")))
                    .append(" threads: ").append(r.threadGroups).append("): ");
            List<String> parts = new ArrayList<>();
            for (ThreadCpu t : r.topThreads) {
                parts.add("`" + t.name() + "` ×" + t.count() + " " + fmt(t.seconds()) + " s (" + Math.round(100 * t.kernelShare()) + " % kernel)");
            }
            md.append(String.join(", ", parts));
            if (!r.runnableFrames.isEmpty()) {
                List<String> frames = new ArrayList<>();
                for (String[] f : r.runnableFrames) {
                    frames.add("`" + f[0] + "` (" + f[1] + ")");
                }
                md.append(". Runnable: ").append(String.join(", ", frames));
            }
            md.append(".\n");
        }
        md.append('\n');
        notes(md, results);
        return md.toString();
    }

    /** Each of our figures over Nchan's from the same run. */
    private static void againstNchan(StringBuilder md, List<RunResult> results) {
        md.append("## Against Nchan\n\n");
        List<RunResult> ours = results.stream().filter(r -> r.target.isOurs()).toList();
        if (results.stream().noneMatch(r -> r.target == Target.NCHAN) || ours.isEmpty()) {
            md.append("Nchan and at least one of our targets were not both in this sitting (`BENCH_TARGETS`), so there are no ratios.\n\n");
            return;
        }
        md.append("Each cell is our figure / Nchan's in the same run of the same sitting = the ratio. Below 1× our target spent less ")
                .append("(CPU, latency, memory) than Nchan; for deliveries/s above 1× it delivered more. ⚠: the run behind one of the two ")
                .append("figures failed, lost or repeated updates, or had connect or read errors (see the tables below), so its figure ")
                .append("does not stand on everything offered. Nchan has no heap: live heap per subscriber is set against Nchan's RSS per subscriber.\n\n");
        List<String[]> load = new ArrayList<>();
        List<String[]> idle = new ArrayList<>();
        List<String[]> storm = new ArrayList<>();
        List<String[]> publish = new ArrayList<>();
        for (RunResult r : ours) {
            RunResult peer = peer(results, r);
            if (peer == null) {
                continue;
            }
            boolean flawed = flawed(r) || flawed(peer);
            switch (r.spec.kind()) {
                case LOAD, SLOW -> {
                    String offered = underOffered(r) || underOffered(peer) ? " †" : "";
                    load.add(new String[] {r.spec.name(), r.targetLabel + offered,
                            versus(cpuPerDelivery(r), cpuPerDelivery(peer), flawed),
                            versus(r.num("p50_ms"), peer.num("p50_ms"), flawed),
                            versus(r.num("p99_ms"), peer.num("p99_ms"), flawed),
                            versus(r.num("deliveries_per_s"), peer.num("deliveries_per_s"), flawed),
                            fmt(r.num("publish_rate")) + " / " + fmt(peer.num("publish_rate"))});
                }
                case IDLE -> {
                    if (r.spec.subscribers() > 0) {
                        RunResult none = idleNone(results, r.targetLabel);
                        RunResult peerNone = idleNone(results, peer.targetLabel);
                        boolean anyFlawed = flawed || none == null || peerNone == null || flawed(none) || flawed(peerNone);
                        double peerRss = perSubscriberKb(peer, peerNone, "rss_mb");
                        idle.add(new String[] {r.spec.name(), r.targetLabel,
                                versus(perSubscriberKb(r, none, "rss_mb"), peerRss, anyFlawed),
                                versus(perSubscriberKb(r, none, "heap_after_gc_mb"), peerRss, anyFlawed)});
                    }
                }
                case PUBLISH -> publish.add(new String[] {r.spec.name(), r.targetLabel,
                        versus(cpuPerPublish(r, "server_cpu_s"), cpuPerPublish(peer, "server_cpu_s"), flawed),
                        versus(cpuPerPublish(r, ThreadRole.REQUEST.cpuKey()), cpuPerPublish(peer, ThreadRole.REQUEST.cpuKey()), flawed),
                        versus(r.num("publish_rate"), peer.num("publish_rate"), flawed),
                        versus(r.num("pub_p50_ms"), peer.num("pub_p50_ms"), flawed),
                        versus(r.num("pub_p99_ms"), peer.num("pub_p99_ms"), flawed)});
                case STORM -> storm.add(new String[] {r.spec.name(), r.targetLabel,
                        versus(r.num("server_cpu_s"), peer.num("server_cpu_s"), flawed),
                        versus(r.num("storm_secs"), peer.num("storm_secs"), flawed),
                        versus(r.num("catch_up_p99_ms"), peer.num("catch_up_p99_ms"), flawed)});
            }
        }
        if (!load.isEmpty()) {
            table(md, new String[] {"Run", "Target", "CPU µs/delivery", "p50 ms", "p99 ms", "Deliveries/s", "Updates/s published"}, load);
            if (load.stream().anyMatch(row -> row[1].endsWith("†"))) {
                md.append("†: on at least one side the publisher fell short of the set rate, because each of its requests waited for the ")
                        .append("server's answer, so the two figures were taken at different offered loads (Updates/s published); ")
                        .append("CPU per delivery stays comparable, latency and deliveries/s less so.\n\n");
            }
        }
        if (!idle.isEmpty()) {
            md.append("Idle subscribers, each figure less the same target's `idle-0`, per subscriber connected:\n\n");
            table(md, new String[] {"Run", "Target", "RSS KiB/subscriber", "Live heap KiB/subscriber (Nchan: RSS)"}, idle);
        }
        if (!publish.isEmpty()) {
            md.append("Publishing alone (see below; Nchan's request threads are all its processes):\n\n");
            table(md, new String[] {"Run", "Target", "Server CPU µs/publish", "Request threads µs/publish", "Publishes/s", "p50 ms",
                    "p99 ms"}, publish);
        }
        if (!storm.isEmpty()) {
            md.append("Reconnect storm (see below):\n\n");
            table(md, new String[] {"Run", "Target", "Server CPU s", "Wall s", "Catch-up p99 ms"}, storm);
        }
    }

    private static RunResult peer(List<RunResult> results, RunResult ours) {
        return results.stream().filter(p -> p.target == Target.NCHAN && p.spec.name().equals(ours.spec.name())).findFirst().orElse(null);
    }

    private static RunResult idleNone(List<RunResult> results, String label) {
        return results.stream().filter(r -> r.targetLabel.equals(label) && r.spec.kind() == Kind.IDLE && r.spec.subscribers() == 0)
                .findFirst().orElse(null);
    }

    private static void table(StringBuilder md, String[] header, List<String[]> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.length; i++) {
            md.append(i < 2 ? "---|" : "---:|");
        }
        md.append('\n');
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
    }

    private static void resultsTable(StringBuilder md, List<RunResult> rows) {
        md.append("| Run | Subscribers (connected) | Updates/s | Connect/s | Deliveries/s | Expected/s | p50 ms | p99 ms | max ms | ")
                .append("CPU (cores) | CPU µs/delivery | RSS MiB | Heap used MiB | Threads | Errors | Gaps | Missing at end | Dup/OOO |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : rows) {
            boolean idle = r.spec.kind() == Kind.IDLE;
            String subs = r.spec.subscribers() + (r.has("established") ? " (" + fmt(r.num("established")) + ")" : "");
            if (r.spec.kind() == Kind.SLOW) {
                subs += ", " + fmt(r.num("slow")) + " never read";
            }
            if (r.spec.payload() != 100) {
                subs += ", " + r.spec.payload() / 1024 + " KB updates";
            }
            md.append("| ").append(r.spec.name()).append(r.failure != null ? " ⚠" : "")
                    .append(" | ").append(subs)
                    .append(" | ").append(idle ? "0" : fmt(r.num("publish_rate")))
                    .append(" | ").append(r.spec.subscribers() == 0 ? "–" : fmt(r.num("connect_rate")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("deliveries_per_s")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("expected_per_s")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("p50_ms")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("p99_ms")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("max_ms")))
                    .append(" | ").append(fmt(r.num("server_cores")))
                    .append(" | ").append(idle ? "–" : fmt(cpuPerDelivery(r)))
                    .append(" | ").append(fmt(r.num("rss_mb")))
                    .append(" | ").append(fmt(r.num("heap_used_mb")))
                    .append(" | ").append(fmt(r.num("threads")))
                    .append(" | ").append(r.load.isEmpty() ? "–" : Long.toString(errors(r)))
                    .append(" | ").append(idle ? "–" : fmt(r.num("gaps")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("undelivered_at_end")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("duplicates")))
                    .append(" |\n");
        }
    }

    private static void details(StringBuilder md, RunResult r) {
        md.append("- **").append(r.spec.name()).append(" on ").append(r.targetLabel).append("**");
        if (r.failure != null) {
            md.append(" — did not complete cleanly: ").append(r.failure);
        }
        md.append(": ");
        List<String> parts = new ArrayList<>();
        if (!r.load.isEmpty() && r.spec.kind() == Kind.PUBLISH) {
            parts.add("publish requests failed " + fmt(r.num("pub_failed_requests")) + ", given up after three tries " + fmt(r.num("pub_given_up"))
                    + ", round trip p99.9 " + fmt(r.num("pub_p999_ms")) + " ms, " + fmt(r.num("published_total")) + " published in all");
            parts.add("load generator CPU " + fmt(r.num("gen_cpu_s")) + " s in a " + fmt(r.num("window_secs")) + " s window");
            if (r.load.containsKey("pub_last_error")) {
                parts.add("last publish error `" + r.load.get("pub_last_error") + "`");
            }
        } else if (!r.load.isEmpty()) {
            parts.add("connect failed " + fmt(r.num("connect_failed")) + ", unanswered " + fmt(r.num("connect_unanswered"))
                    + ", connect p50/p99 " + fmt(r.num("connect_p50_ms")) + "/" + fmt(r.num("connect_p99_ms")) + " ms");
            if (r.has("jit_wait_s") && r.num("jit_wait_s") > 0) {
                parts.add("JIT caught up " + fmt(r.num("jit_wait_s")) + " s after the warm-up");
            }
            if (r.spec.kind() != Kind.IDLE) {
                parts.add("disconnects " + fmt(r.num("disconnects")) + " (" + fmt(r.num("notices")) + " after an `ssehub-reconnect` notice), "
                        + "read errors " + fmt(r.num("read_errors")) + ", unparsable events " + fmt(r.num("unparsable"))
                        + ", still connected at the end " + fmt(r.num("readers_connected_at_end")));
            }
            if (r.spec.kind() == Kind.LOAD || r.spec.kind() == Kind.SLOW) {
                parts.add("open but stalled (no update in the last 5 s of the window) " + fmt(r.num("readers_stalled")));
                parts.add("publish requests failed " + fmt(r.num("pub_failed_requests")) + ", publish round trip p50/p99/max "
                        + fmt(r.num("pub_p50_ms")) + "/" + fmt(r.num("pub_p99_ms")) + "/" + fmt(r.num("pub_max_ms")) + " ms"
                        + (r.num("pub_schedule_resets") > 0 ? ", publisher fell >1 s behind its schedule " + fmt(r.num("pub_schedule_resets")) + "×" : ""));
                parts.add("p99.9 " + fmt(r.num("p999_ms")) + " ms");
            }
            parts.add("load generator CPU " + fmt(r.num("gen_cpu_s")) + " s in a " + fmt(r.num("window_secs")) + " s window");
            if (r.load.containsKey("last_connect_error")) {
                parts.add("last connect error `" + r.load.get("last_connect_error") + "`");
            }
            if (r.load.containsKey("last_read_error")) {
                parts.add("last read error `" + r.load.get("last_read_error") + "`");
            }
            if (r.load.containsKey("pub_last_error")) {
                parts.add("last publish error `" + r.load.get("pub_last_error") + "`");
            }
        }
        parts.add("server started in " + fmt(r.num("start_s")) + " s, peak RSS " + fmt(r.num("rss_peak_mb")) + " MiB (PSS at the end "
                + fmt(r.num("pss_mb")) + " MiB), " + fmt(r.num("processes")) + " process(es), max threads " + fmt(r.num("threads_max"))
                + ", open files " + fmt(r.num("open_files")) + ", `too_slow` cut-offs in its log " + fmt(r.num("too_slow_cutoffs"))
                + ", warnings and errors in its log " + fmt(r.num("log_warnings")) + ", stopping it took " + fmt(r.num("stop_s")) + " s");
        parts.addAll(r.notes);
        md.append(String.join("; ", parts)).append(".\n");
    }

    private static void storms(StringBuilder md, List<RunResult> results) {
        List<RunResult> storms = results.stream().filter(r -> r.spec.kind() == Kind.STORM).toList();
        if (storms.isEmpty()) {
            return;
        }
        md.append("## Reconnect storm\n\n");
        md.append("The publisher sends ").append(BenchDriver.STORM_REPLAY + 1).append(" updates first (the history keeps them); then every ")
                .append("subscriber arrives at once, with at most 1,000 subscriptions opened and not yet answered, each sending the ")
                .append("`Last-Event-ID` of update #1 as the target named it in its answer to that publish (for Nchan, its own message id, ")
                .append("which it replays from like a Mercure hub does), so each must receive updates #2 to #")
                .append(BenchDriver.STORM_REPLAY + 1).append(" exactly once. ")
                .append("Server CPU runs from the first connect until every subscriber has all of them, or the timeout; catch-up is ")
                .append("from opening a subscriber's connection to its last replayed update.\n\n");
        md.append("| Run | Target | Subscribers (caught up) | Replayed events received / expected | Gaps | Dup/OOO | Missing at end | Errors | ")
                .append("Wall s | Server CPU s | CPU µs/replayed event | Catch-up p50 / p99 / max ms | Connect p99 ms | RSS MiB |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : storms) {
            md.append("| ").append(r.spec.name()).append(r.failure != null ? " ⚠" : "")
                    .append(" | ").append(r.targetLabel)
                    .append(" | ").append(r.spec.subscribers()).append(" (").append(fmt(r.num("caught_up"))).append(")")
                    .append(" | ").append(fmt(r.num("deliveries_total"))).append(" / ").append(fmt(r.num("storm_expected")))
                    .append(" | ").append(fmt(r.num("gaps")))
                    .append(" | ").append(fmt(r.num("duplicates")))
                    .append(" | ").append(fmt(r.num("undelivered_at_end")))
                    .append(" | ").append(r.load.isEmpty() ? "–" : Long.toString(errors(r)))
                    .append(" | ").append(fmt(r.num("storm_secs")))
                    .append(" | ").append(fmt(r.num("server_cpu_s")))
                    .append(" | ").append(fmt(cpuPerDelivery(r)))
                    .append(" | ").append(fmt(r.num("catch_up_p50_ms"))).append(" / ").append(fmt(r.num("catch_up_p99_ms")))
                    .append(" / ").append(fmt(r.num("catch_up_max_ms")))
                    .append(" | ").append(fmt(r.num("connect_p99_ms")))
                    .append(" | ").append(fmt(r.num("rss_mb")))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void publishing(StringBuilder md, List<RunResult> results) {
        List<RunResult> runs = results.stream().filter(r -> r.spec.kind() == Kind.PUBLISH).toList();
        if (runs.isEmpty()) {
            return;
        }
        md.append("## Publishing\n\n");
        md.append("Publishing alone, no subscriber: each publisher has its own keep-alive HTTP/1.1 connection and sends its next update ")
                .append("as soon as the previous one is answered, so publishes/s is what the server sustains at that many concurrent ")
                .append("publishers. Each update is a form of about 70 bytes (topic, and ").append(BenchDriver.PUBLISH_PAYLOAD)
                .append(" bytes of data) with an HS256 token in `Authorization`, the id left to the hub (to Nchan, the data as the raw body). ")
                .append("After the warm-up publishes, publishing goes on until the server's C1 and C2 threads use under ").append(JIT_QUIET)
                .append(" (JIT wait: on two cores under load C2 compiles far behind, and the window would count it); ")
                .append("then the window spans the measured ones; round trip is from writing a request to reading its ")
                .append("whole answer. CPU µs/publish divides CPU seconds over the window (from `/proc/<pid>/task/*/stat`) by the publishes ")
                .append("answered in it, by the threads' role: request (Grizzly's selector and worker threads, where a request is read, ")
                .append("served and answered; for Nchan every nginx process), JIT (C1 and C2 compiler threads), GC (the collector's threads) ")
                .append("and other (the hub's dispatcher and log threads, the VM's own); Server is the whole process, Store the ")
                .append("redis-server's.\n\n");
        md.append("| Run | Target | Log | Publishers | JIT wait s | Publishes measured | Publishes/s | p50 ms | p99 ms | max ms | ")
                .append("CPU µs/publish: request | JIT | GC | other | Server | Store | Failed requests |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : runs) {
            md.append("| ").append(r.spec.name()).append(r.failure != null ? " ⚠" : "")
                    .append(" | ").append(r.targetLabel)
                    .append(" | ").append(r.target.isOurs() ? r.spec.publishing().log().label : "memory")
                    .append(" | ").append(r.spec.publishing().publishers())
                    .append(" | ").append(fmt(r.num("jit_wait_s")))
                    .append(" | ").append(fmt(r.num("published_window")))
                    .append(" | ").append(fmt(r.num("publish_rate")))
                    .append(" | ").append(fmt(r.num("pub_p50_ms")))
                    .append(" | ").append(fmt(r.num("pub_p99_ms")))
                    .append(" | ").append(fmt(r.num("pub_max_ms")));
            for (ThreadRole role : ThreadRole.values()) {
                md.append(" | ").append(fmt(cpuPerPublish(r, role.cpuKey())));
            }
            md.append(" | ").append(fmt(cpuPerPublish(r, "server_cpu_s")))
                    .append(" | ").append(fmt(cpuPerPublish(r, "store_cpu_s")))
                    .append(" | ").append(fmt(r.num("pub_failed_requests")))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void idleMemory(StringBuilder md, List<RunResult> results, List<String> labels) {
        List<RunResult> idle = results.stream().filter(r -> r.spec.kind() == Kind.IDLE).toList();
        if (idle.isEmpty()) {
            return;
        }
        md.append("## Idle subscribers: memory\n\n");
        md.append("Subscribers connected and idle (no updates; the first heartbeat is due 30 s after the server starts). ")
                .append("Per subscriber = (value with N − value with 0 on the same target) / N connected. RSS is taken at the end of the window ")
                .append("and again after a `jcmd GC.run` on a JVM; heap after that full GC is live data. PSS counts nginx's shared pages once.\n\n");
        md.append("| Target | Idle subscribers | RSS MiB | PSS MiB | RSS after GC MiB | Heap after full GC MiB | RSS KiB / subscriber | ")
                .append("PSS KiB / subscriber | Live heap KiB / subscriber | CPU (cores) | Threads |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String label : labels) {
            RunResult none = idleNone(results, label);
            idle.stream().filter(r -> r.targetLabel.equals(label)).sorted(Comparator.comparingInt(r -> r.spec.subscribers())).forEach(r -> {
                int n = r.spec.subscribers();
                boolean some = n > 0;
                md.append("| ").append(label)
                        .append(" | ").append(n).append(r.has("established") && r.num("established") != n ? " (" + fmt(r.num("established")) + " connected)" : "")
                        .append(r.failure != null ? " ⚠" : "")
                        .append(" | ").append(fmt(r.num("rss_mb")))
                        .append(" | ").append(fmt(r.num("pss_mb")))
                        .append(" | ").append(fmt(r.num("rss_after_gc_mb")))
                        .append(" | ").append(fmt(r.num("heap_after_gc_mb")))
                        .append(" | ").append(some ? fmt(perSubscriberKb(r, none, "rss_mb")) : "–")
                        .append(" | ").append(some ? fmt(perSubscriberKb(r, none, "pss_mb")) : "–")
                        .append(" | ").append(some ? fmt(perSubscriberKb(r, none, "heap_after_gc_mb")) : "–")
                        .append(" | ").append(fmt(r.num("server_cores")))
                        .append(" | ").append(fmt(r.num("threads")))
                        .append(" |\n");
            });
        }
        md.append('\n');
    }

    private static void slowConsumers(StringBuilder md, List<RunResult> results) {
        List<RunResult> slows = results.stream().filter(r -> r.spec.kind() == Kind.SLOW && !r.load.isEmpty()).toList();
        if (slows.isEmpty()) {
            return;
        }
        md.append("## Slow consumers\n\n");
        md.append("Some subscribers read their response headers and then nothing, so what the server sends them piles up in the socket buffers ")
                .append("(on this machine's loopback about 4 MB of kernel buffers per connection, then whatever the server queues itself). They are left out of the latency figures. At the end, after ")
                .append("publishing stopped, they read again: a stream that then ends was cut off by the server; one that stays open was not. ")
                .append("Only our hub sends an `ssehub-reconnect` notice; nginx closes a connection that takes nothing for its `send_timeout` (10 s here).\n\n");
        for (RunResult slow : slows) {
            RunResult base = results.stream().filter(r -> r.targetLabel.equals(slow.targetLabel) && r.spec.kind() == Kind.LOAD
                    && r.spec.subscribers() == slow.spec.subscribers() && r.spec.rate() == slow.spec.rate()
                    && r.spec.payload() == slow.spec.payload() && !r.load.isEmpty()).findFirst().orElse(null);
            double readers = slow.num("subscribers") - slow.num("slow");
            md.append(String.format(Locale.ROOT, "- **`%s` on %s** — %d subscribers × %s updates/s of %d bytes, %s never read. ", slow.spec.name(),
                    slow.targetLabel, slow.spec.subscribers(), fmt(slow.spec.rate()), slow.spec.payload(), fmt(slow.num("slow"))));
            if (base != null) {
                md.append(String.format(Locale.ROOT, "The others' latency p50/p99/max: **%s / %s / %s ms**, against %s / %s / %s ms in `%s` "
                                + "(same size and rate, every subscriber reading); deliveries %s/s against %s/s. ",
                        fmt(slow.num("p50_ms")), fmt(slow.num("p99_ms")), fmt(slow.num("max_ms")),
                        fmt(base.num("p50_ms")), fmt(base.num("p99_ms")), fmt(base.num("max_ms")), base.spec.name(),
                        fmt(slow.num("deliveries_per_s")), fmt(base.num("deliveries_per_s"))));
            } else {
                md.append(String.format(Locale.ROOT, "The others' latency p50/p99/max: **%s / %s / %s ms**. ",
                        fmt(slow.num("p50_ms")), fmt(slow.num("p99_ms")), fmt(slow.num("max_ms"))));
            }
            md.append(String.format(Locale.ROOT, "Cut off: **%s of %s** (%s with an `ssehub-reconnect` notice), %s still open after reading "
                            + "everything; the server's log has %s `reason=too_slow` cut-offs in the whole run, teardown included. "
                            + "Of the %s updates published, the stuck ones had been sent %s–%s, the readers received %s on average.\n",
                    fmt(slow.num("slow_cut_off")), fmt(slow.num("slow")), fmt(slow.num("slow_with_notice")), fmt(slow.num("slow_still_open")),
                    fmt(slow.num("too_slow_cutoffs")), fmt(slow.num("published_total")), fmt(slow.num("slow_received_min")),
                    fmt(slow.num("slow_received_max")), readers > 0 ? fmt(slow.num("deliveries_total") / readers) : "–"));
        }
        md.append('\n');
    }

    private static void notes(StringBuilder md, List<RunResult> results) {
        md.append("## Notes\n\n");
        md.append("- The server and the load generator share the machine's cores; the generator's own CPU per window is listed above, ")
                .append("so a server that looks CPU-bound is competing with it. A dedicated load machine would give the server more headroom.\n");
        md.append("- Connect/s is subscriptions answered (response head received) per second while opening them at up to 2000/s with at most 256 unanswered; ")
                .append("it is bounded by the generator's pacing as well as by the server.\n");
        md.append("- Subscribers do not reconnect: a subscriber the server closes stays closed and counts under Errors (disconnects). ")
                .append("Gaps count only holes inside a stream that stayed open.\n");
        md.append("- Every figure comes from one run. Runs at or near a server's capacity vary a lot from one repetition to the next on this ")
                .append("machine (throughput, and p99 even more), so compare orders of magnitude there, not digits.\n");
        for (RunResult r : results) {
            String name = "`" + r.spec.name() + "` on " + r.targetLabel;
            if (!r.load.isEmpty()) {
                double delivered = r.num("deliveries_per_s");
                double expected = r.num("expected_per_s");
                if (expected > 0 && delivered < 0.95 * expected) {
                    md.append(String.format(Locale.ROOT, "- %s: the server delivered %s/s of the %s/s published × subscribers (%.0f%%): it did not keep up, "
                            + "so latency there is mostly queueing.\n", name, fmt(delivered), fmt(expected), 100 * delivered / expected));
                }
                double maxHeap = r.num("max_heap_mb");
                if (maxHeap > 0 && r.num("heap_used_mb") > 0.9 * maxHeap) {
                    md.append(String.format(Locale.ROOT, "- %s: heap used %s MiB of the server's %s MiB at the end of the window.\n",
                            name, fmt(r.num("heap_used_mb")), fmt(maxHeap)));
                }
                if (r.num("readers_stalled") > 0) {
                    md.append(String.format(Locale.ROOT, "- %s: %s subscribers that read everything were still connected but got no update in the last 5 s "
                                    + "of the window (the server's log has %s `reason=too_slow` cut-offs): their streams stayed open without updates.\n",
                            name, fmt(r.num("readers_stalled")), fmt(r.num("too_slow_cutoffs"))));
                }
            }
            if (r.failure != null) {
                md.append("- ").append(name).append(": ").append(r.failure).append(".\n");
            }
        }
    }

    /**
     * Two panels against subscribers: p99 latency on a log scale, and server CPU µs per delivery;
     * one colour per target, the requested matrix solid and the light series dashed.
     */
    static String svg(List<RunResult> results) {
        List<RunResult> load = results.stream().filter(r -> r.spec.kind() == Kind.LOAD && !r.load.isEmpty() && !r.spec.series().isEmpty())
                .sorted(Comparator.comparingInt(r -> r.spec.subscribers())).toList();
        List<String> labels = load.stream().map(r -> r.targetLabel).distinct().toList();
        List<String[]> lines = new ArrayList<>(); // target label, series
        for (String label : labels) {
            load.stream().filter(r -> r.targetLabel.equals(label)).map(r -> r.spec.series()).distinct()
                    .forEach(series -> lines.add(new String[] {label, series}));
        }
        int width = 920;
        int height = 50 + 280 + 56 + 16 * Math.max(1, lines.size()) + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"").append(width / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">")
                .append("latency and server CPU per delivery against subscribers, per target</text>\n");
        double maxSubs = niceCeiling(load.stream().mapToInt(r -> r.spec.subscribers()).max().orElse(1000));

        String[] palette = {"#c0392b", "#2980b9", "#8e44ad", "#27ae60", "#d35400", "#7f8c8d"};
        String[] colours = new String[lines.size()];
        String[] names = new String[lines.size()];
        boolean[] dashed = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String label = lines.get(i)[0];
            String series = lines.get(i)[1];
            colours[i] = palette[labels.indexOf(label) % palette.length];
            dashed[i] = !"matrix".equals(series);
            RunResult first = load.stream().filter(r -> r.targetLabel.equals(label) && r.spec.series().equals(series)).findFirst().orElseThrow();
            String offered = "~" + fmt(first.spec.subscribers() * first.spec.rate() / 1000) + "k deliveries/s offered";
            names[i] = label + ": " + ("matrix".equals(series) ? "requested matrix" : series) + " (" + offered + ")";
        }

        // Left panel: p99 latency, log scale.
        double[] lat = load.stream().mapToDouble(r -> r.num("p99_ms")).filter(v -> !Double.isNaN(v) && v > 0).toArray();
        double lo = lat.length == 0 ? 1 : Math.pow(10, Math.floor(Math.log10(java.util.Arrays.stream(lat).min().getAsDouble())));
        double top = lat.length == 0 ? 10 : Math.pow(10, Math.ceil(Math.log10(2 * java.util.Arrays.stream(lat).max().getAsDouble())));
        double hi = top <= lo ? lo * 10 : top;
        Panel left = new Panel(70, 50, 360, 280, maxSubs);
        left.frame(svg, "p99 publish → receive latency (ms, log scale)");
        for (double v = lo; v <= hi * 1.0001; v *= 10) {
            left.hTick(svg, left.logY(v, lo, hi), fmt(v));
        }
        left.xTicks(svg);

        // Right panel: CPU per delivery, linear.
        double maxCpu = niceCeiling(1.15 * load.stream().mapToDouble(Report::cpuPerDelivery).filter(v -> !Double.isNaN(v)).max().orElse(10));
        Panel right = new Panel(520, 50, 360, 280, maxSubs);
        right.frame(svg, "server CPU per delivery (µs)");
        for (int i = 0; i <= 4; i++) {
            double v = maxCpu * i / 4;
            right.hTick(svg, right.linY(v, maxCpu), fmt(v));
        }
        right.xTicks(svg);

        for (int i = 0; i < lines.size(); i++) {
            String label = lines.get(i)[0];
            String series = lines.get(i)[1];
            List<RunResult> runs = load.stream().filter(r -> r.targetLabel.equals(label) && r.spec.series().equals(series)).toList();
            left.series(svg, runs, r -> r.num("p99_ms"), v -> left.logY(v, lo, hi), colours[i], dashed[i]);
            right.series(svg, runs, Report::cpuPerDelivery, v -> right.linY(v, maxCpu), colours[i], dashed[i]);
        }
        left.legend(svg, names, colours, dashed);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private record Panel(double x, double y, double w, double h, double maxSubs) {

        double xOf(double subs) {
            return x + w * subs / maxSubs;
        }

        double logY(double v, double lo, double hi) {
            return y + h - h * (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        }

        double linY(double v, double max) {
            return y + h - h * v / max;
        }

        void frame(StringBuilder svg, String title) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>\n", x, y, w, h));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n", x + w / 2, y - 10, escape(title)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">subscribers</text>\n", x + w / 2, y + h + 36));
        }

        void hTick(StringBuilder svg, double ty, String label) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x, ty, x + w, ty));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", x - 6, ty + 4, escape(label)));
        }

        void xTicks(StringBuilder svg) {
            for (int i = 0; i <= 4; i++) {
                double subs = maxSubs * i / 4;
                double tx = xOf(subs);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", tx, y + h, tx, y + h + 5));
                String label = subs >= 1000 ? String.format(Locale.ROOT, subs % 1000 == 0 ? "%.0fk" : "%.1fk", subs / 1000) : fmt(subs);
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", tx, y + h + 18, label));
            }
        }

        void series(StringBuilder svg, List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> value,
                    java.util.function.DoubleUnaryOperator toY, String colour, boolean dashed) {
            StringBuilder points = new StringBuilder();
            List<double[]> dots = new ArrayList<>();
            for (RunResult r : runs) {
                double v = value.applyAsDouble(r);
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                double px = xOf(r.spec.subscribers());
                double py = toY.applyAsDouble(v);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                dots.add(new double[] {px, py, v});
            }
            if (dots.isEmpty()) {
                return;
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
                    .append(dashed ? " stroke-dasharray=\"5,4\"" : "").append(" points=\"").append(points.toString().trim()).append("\"/>\n");
            for (double[] d : dots) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n", d[0], d[1], colour));
                // The first series labels its points above and to the left, the second below and to the right.
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" text-anchor=\"%s\">%s</text>\n",
                        d[0] + (dashed ? 7 : -7), d[1] + (dashed ? 16 : -7), colour, dashed ? "start" : "end", escape(fmt(d[2]))));
            }
        }

        void legend(StringBuilder svg, String[] names, String[] colours, boolean[] dashed) {
            for (int i = 0; i < names.length; i++) {
                double ly = y + h + 56 + i * 16;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                        x + 10, ly, x + 34, ly, colours[i], dashed[i] ? " stroke-dasharray=\"5,4\"" : ""));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x + 40, ly + 4, escape(names[i])));
            }
        }
    }

    private static double niceCeiling(double v) {
        if (v <= 0 || Double.isNaN(v)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 4, 5, 10}) {
            if (v <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        return BenchDriver.fmt(v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
