package dev.ssehub.bench;

import dev.ssehub.bench.BenchDriver.Kind;
import dev.ssehub.bench.BenchDriver.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the results as Markdown and as a small hand-made SVG chart. */
final class Report {

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

    static String cpuPerDelivery(RunResult r) {
        double deliveries = r.num("deliveries_window");
        double cpu = r.num("hub_cpu_s");
        if (Double.isNaN(deliveries) || Double.isNaN(cpu) || deliveries <= 0) {
            return "–";
        }
        return fmt(cpu / deliveries * 1e6);
    }

    static double cpuPerDeliveryValue(RunResult r) {
        double deliveries = r.num("deliveries_window");
        double cpu = r.num("hub_cpu_s");
        return deliveries > 0 ? cpu / deliveries * 1e6 : Double.NaN;
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

    static String markdown(List<RunResult> results, Map<String, String> machine, boolean quick, double totalSeconds, String svgName) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        if (quick) {
            md.append("**Quick mode (`BENCH_QUICK=1`): small sizes and short windows, for checking the harness; not figures to quote.**\n\n");
        }
        md.append("The standalone hub under load, measured by `make bench` (`dev.ssehub.bench.BenchDriver` in `src/test/java`). ")
                .append("Every run starts a fresh hub JVM and a separate load-generator JVM on the same machine, both on 127.0.0.1:\n\n")
                .append("- hub: `java -Xmx512m -cp 'target/classes:target/lib/*' dev.ssehub.cli.Cli serve --port <free> --host 127.0.0.1 ")
                .append("--jwt-key <key> --heartbeat 30s --history-size 10000`\n")
                .append("- load: `java -Xmx1g -cp target/test-classes dev.ssehub.bench.LoadGenerator ...` — ")
                .append(machine.get("selectors")).append(" NIO selector thread(s) holding every subscriber connection ")
                .append("(no thread per connection), and one thread publishing on a keep-alive HTTP/1.1 connection\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Command | `make bench` (the matrix took ").append(String.format(Locale.ROOT, "%.1f", totalSeconds / 60)).append(" min) |\n");
        md.append("| Date | ").append(machine.get("date")).append(" |\n");
        md.append("| CPU | ").append(machine.get("cpu")).append(" |\n");
        md.append("| Memory | ").append(machine.get("memory")).append(" |\n");
        md.append("| Kernel | Linux ").append(machine.get("kernel")).append(" |\n");
        md.append("| JDK | ").append(machine.get("jdk")).append(" |\n");
        md.append("| Open files | ").append(machine.get("open_files")).append(" per process |\n");
        md.append("| Hub commit | ").append(machine.get("commit")).append(" |\n\n");

        md.append("## Results\n\n");
        md.append("Latency is publish → receive: the publisher puts `Instant.now()` in epoch microseconds into each update's data, ")
                .append("the subscriber side reads the clock when the read that completes the event returns (same machine, same clock). ")
                .append("Deliveries, latency and hub CPU cover the measured window only, after connecting and a warm-up at full rate. ")
                .append("Hub CPU is utime + stime of the hub process from `/proc/<pid>/stat` over the window; CPU µs per delivery divides it by ")
                .append("the deliveries in the window. RSS is `VmRSS` at the end of the window, heap used from `jcmd GC.heap_info` (includes garbage). ")
                .append("Gaps are updates a subscriber skipped (by the sequence number in the id), Dup/OOO ones that came again or late; ")
                .append("Missing at end are updates still not delivered 5 s after publishing stopped. ")
                .append("Percentiles come from a log-linear histogram with about 1.6% resolution.\n\n");
        md.append("| Run | Subscribers (connected) | Updates/s | Connect/s | Deliveries/s | Expected/s | p50 ms | p99 ms | max ms | ")
                .append("Hub CPU (cores) | CPU µs/delivery | RSS MiB | Heap used MiB | Threads | Errors | Gaps | Missing at end | Dup/OOO |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
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
                    .append(" | ").append(fmt(r.num("hub_cores")))
                    .append(" | ").append(idle ? "–" : cpuPerDelivery(r))
                    .append(" | ").append(fmt(r.num("rss_mb")))
                    .append(" | ").append(fmt(r.num("heap_used_mb")))
                    .append(" | ").append(fmt(r.num("threads")))
                    .append(" | ").append(r.load.isEmpty() ? "–" : Long.toString(errors(r)))
                    .append(" | ").append(idle ? "–" : fmt(r.num("gaps")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("undelivered_at_end")))
                    .append(" | ").append(idle ? "–" : fmt(r.num("duplicates")))
                    .append(" |\n");
        }
        if (results.stream().anyMatch(r -> "light".equals(r.spec.series()))) {
            md.append("\n`load-*` are the requested matrix, about 200,000 deliveries a second offered at each size. `light-*` are not in it: ")
                    .append("the same sizes at a tenth of the rate, so that latency there is the hub's own and not a queue's.");
            if (results.stream().anyMatch(r -> r.spec.name().startsWith("pair-"))) {
                md.append(" `pair-*` is the baseline for the slow-consumer run of the same size, one where the hub keeps up; both send 4 KB updates instead of about 100 bytes.");
            }
            if (results.stream().anyMatch(r -> r.spec.name().equals("latency-10k"))) {
                md.append(" `latency-10k` is the rate of the latency target: p99 within 50 ms at 10k subscribers × 5 updates/s.");
            }
            md.append('\n');
        }
        md.append("\n![p99 latency and hub CPU per delivery against subscribers](").append(svgName).append(")\n\n");

        md.append("### Errors and other details per run\n\n");
        for (RunResult r : results) {
            md.append("- **").append(r.spec.name()).append("**");
            if (r.failure != null) {
                md.append(" — did not complete cleanly: ").append(r.failure);
            }
            md.append(": ");
            List<String> parts = new ArrayList<>();
            if (!r.load.isEmpty()) {
                parts.add("connect failed " + fmt(r.num("connect_failed")) + ", unanswered " + fmt(r.num("connect_unanswered"))
                        + ", connect p50/p99 " + fmt(r.num("connect_p50_ms")) + "/" + fmt(r.num("connect_p99_ms")) + " ms");
                if (r.spec.kind() != Kind.IDLE) {
                    parts.add("disconnects " + fmt(r.num("disconnects")) + " (" + fmt(r.num("notices")) + " after an `ssehub-reconnect` notice), "
                            + "read errors " + fmt(r.num("read_errors")) + ", still connected at the end " + fmt(r.num("readers_connected_at_end"))
                            + ", of which open but stalled (no update in the last 5 s of the window) " + fmt(r.num("readers_stalled")));
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
            parts.add("hub peak RSS " + fmt(r.num("rss_peak_mb")) + " MiB, max threads " + fmt(r.num("threads_max"))
                    + ", open files " + fmt(r.num("open_files")) + ", `too_slow` cut-offs in its log " + fmt(r.num("too_slow_cutoffs"))
                    + ", stopping it took " + fmt(r.num("hub_stop_s")) + " s");
            parts.addAll(r.notes);
            md.append(String.join("; ", parts)).append(".\n");
        }
        md.append('\n');

        List<RunResult> idle = results.stream().filter(r -> r.spec.kind() == Kind.IDLE).sorted(Comparator.comparingInt(r -> r.spec.subscribers())).toList();
        if (!idle.isEmpty()) {
            RunResult zero = idle.stream().filter(r -> r.spec.subscribers() == 0).findFirst().orElse(null);
            md.append("## Idle subscribers: memory\n\n");
            md.append("Subscribers connected and idle (no updates; the first heartbeat is due 30 s after the hub starts). ")
                    .append("Per subscriber = (value with N − value with 0) / N. RSS is taken at the end of the window and again after a `jcmd GC.run`; ")
                    .append("heap after that full GC is live data.\n\n");
            md.append("| Idle subscribers | RSS MiB | RSS after GC MiB | Heap after full GC MiB | RSS KiB / subscriber | Live heap KiB / subscriber | Hub CPU (cores) | Threads |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (RunResult r : idle) {
                int n = r.spec.subscribers();
                String rssPer = "–";
                String heapPer = "–";
                if (zero != null && n > 0) {
                    rssPer = fmt((r.num("rss_mb") - zero.num("rss_mb")) * 1024 / n);
                    heapPer = fmt((r.num("heap_after_gc_mb") - zero.num("heap_after_gc_mb")) * 1024 / n);
                }
                md.append("| ").append(n).append(r.has("established") && r.num("established") != n ? " (" + fmt(r.num("established")) + " connected)" : "")
                        .append(" | ").append(fmt(r.num("rss_mb")))
                        .append(" | ").append(fmt(r.num("rss_after_gc_mb")))
                        .append(" | ").append(fmt(r.num("heap_after_gc_mb")))
                        .append(" | ").append(rssPer)
                        .append(" | ").append(heapPer)
                        .append(" | ").append(fmt(r.num("hub_cores")))
                        .append(" | ").append(fmt(r.num("threads")))
                        .append(" |\n");
            }
            md.append('\n');
        }

        List<RunResult> slows = results.stream().filter(r -> r.spec.kind() == Kind.SLOW && !r.load.isEmpty()).toList();
        if (!slows.isEmpty()) {
            md.append("## Slow consumers\n\n");
            md.append("Some subscribers read their response headers and then nothing, so what the hub sends them piles up in the socket buffers ")
                    .append("(on this machine's loopback about 4 MB of kernel buffers per connection, then whatever the hub queues itself). They are left out of the latency figures. At the end, after ")
                    .append("publishing stopped, they read again: a stream that then ends was cut off by the hub; one that stays open was not.\n\n");
            for (RunResult slow : slows) {
                RunResult base = results.stream().filter(r -> r.spec.kind() == Kind.LOAD && r.spec.subscribers() == slow.spec.subscribers()
                        && r.spec.rate() == slow.spec.rate() && r.spec.payload() == slow.spec.payload() && !r.load.isEmpty()).findFirst().orElse(null);
                double readers = slow.num("subscribers") - slow.num("slow");
                md.append(String.format(Locale.ROOT, "- **`%s`** — %d subscribers × %s updates/s of %d bytes, %s never read. ", slow.spec.name(),
                        slow.spec.subscribers(), fmt(slow.spec.rate()), slow.spec.payload(), fmt(slow.num("slow"))));
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
                                + "everything; the hub's log has %s `reason=too_slow` cut-offs in the whole run, teardown included. "
                                + "Of the %s updates published, the stuck ones had been sent %s–%s, the readers received %s on average.\n",
                        fmt(slow.num("slow_cut_off")), fmt(slow.num("slow")), fmt(slow.num("slow_with_notice")), fmt(slow.num("slow_still_open")),
                        fmt(slow.num("too_slow_cutoffs")), fmt(slow.num("published_total")), fmt(slow.num("slow_received_min")),
                        fmt(slow.num("slow_received_max")), readers > 0 ? fmt(slow.num("deliveries_total") / readers) : "–"));
            }
            md.append('\n');
        }

        md.append("## Where the hub spends its CPU\n\n");
        md.append("CPU seconds per hub thread over the measured window (from `/proc/<pid>/task/*/stat`, threads grouped by name without their number), ")
                .append("and where runnable hub threads stood in a few `jcmd Thread.print` samples taken just after the window, with the load still on ")
                .append("(threads blocked in `epoll_wait` or a socket read are left out). Full dumps are in `target/bench/<run>-threads.txt`.\n\n");
        for (RunResult r : results) {
            if (r.topThreads.isEmpty()) {
                continue;
            }
            md.append("- **").append(r.spec.name()).append("** (").append(fmt(r.num("threads"))).append(" threads: ").append(r.threadGroups)
                    .append("): ");
            List<String> parts = new ArrayList<>();
            for (String[] t : r.topThreads) {
                parts.add("`" + t[0] + "` ×" + t[1] + " " + t[2] + " s");
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

        md.append("## Notes\n\n");
        md.append("- The hub and the load generator share the machine's cores; the generator's own CPU per window is listed above, ")
                .append("so a hub that looks CPU-bound is competing with it. A dedicated load machine would give the hub more headroom.\n");
        md.append("- Connect/s is subscriptions answered (response head received) per second while opening them at up to 2000/s with at most 256 unanswered; ")
                .append("it is bounded by the generator's pacing as well as by the hub.\n");
        md.append("- Subscribers do not reconnect: a subscriber the hub closes stays closed and counts under Errors (disconnects). ")
                .append("Gaps count only holes inside a stream that stayed open.\n");
        md.append("- Every figure comes from one run. Runs at or near the hub's capacity vary a lot from one repetition to the next on this ")
                .append("machine (throughput, and p99 even more), so compare orders of magnitude there, not digits.\n");
        for (RunResult r : results) {
            if (r.load.isEmpty()) {
                continue;
            }
            double delivered = r.num("deliveries_per_s");
            double expected = r.num("expected_per_s");
            if (expected > 0 && delivered < 0.95 * expected) {
                md.append(String.format(Locale.ROOT, "- `%s`: the hub delivered %s/s of the %s/s published × subscribers (%.0f%%): it did not keep up, "
                                + "so latency there is mostly queueing.\n", r.spec.name(), fmt(delivered), fmt(expected), 100 * delivered / expected));
            }
            if (r.num("heap_used_mb") > 0.9 * 512) {
                md.append(String.format(Locale.ROOT, "- `%s`: heap used %s MiB of the hub's 512 MiB (`-Xmx512m`) at the end of the window.\n",
                        r.spec.name(), fmt(r.num("heap_used_mb"))));
            }
            if (r.num("readers_stalled") > 0) {
                md.append(String.format(Locale.ROOT, "- `%s`: %s subscribers that read everything were still connected but got no update in the last 5 s "
                                + "of the window (the hub's log has %s `reason=too_slow` cut-offs): their streams stayed open without updates.\n",
                        r.spec.name(), fmt(r.num("readers_stalled")), fmt(r.num("too_slow_cutoffs"))));
            }
            if (r.failure != null) {
                md.append("- `").append(r.spec.name()).append("`: ").append(r.failure).append(".\n");
            }
        }
        return md.toString();
    }

    /** Two panels: p99 (and p50) latency on a log scale, and hub CPU µs per delivery, both against subscribers. */
    static String svg(List<RunResult> results) {
        List<RunResult> load = results.stream().filter(r -> r.spec.kind() == Kind.LOAD && !r.load.isEmpty() && !r.spec.series().isEmpty())
                .sorted(Comparator.comparingInt(r -> r.spec.subscribers())).toList();
        int width = 920;
        int height = 450;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"").append(width / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">")
                .append("ssehub standalone: latency and CPU per delivery against subscribers</text>\n");
        double maxSubs = niceCeiling(load.stream().mapToInt(r -> r.spec.subscribers()).max().orElse(1000));

        List<String> series = load.stream().map(r -> r.spec.series()).distinct().toList();
        String[] palette = {"#c0392b", "#2980b9", "#8e44ad", "#27ae60"};
        String[] colours = new String[series.size()];
        String[] names = new String[series.size()];
        for (int i = 0; i < series.size(); i++) {
            colours[i] = palette[i % palette.length];
            String s = series.get(i);
            RunResult first = load.stream().filter(r -> r.spec.series().equals(s)).findFirst().orElseThrow();
            String offered = "~" + fmt(first.spec.subscribers() * first.spec.rate() / 1000) + "k deliveries/s offered";
            names[i] = ("matrix".equals(s) ? "requested matrix" : s) + " (" + offered + ")";
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
        double maxCpu = niceCeiling(1.15 * load.stream().mapToDouble(Report::cpuPerDeliveryValue).filter(v -> !Double.isNaN(v)).max().orElse(10));
        Panel right = new Panel(520, 50, 360, 280, maxSubs);
        right.frame(svg, "hub CPU per delivery (µs)");
        for (int i = 0; i <= 4; i++) {
            double v = maxCpu * i / 4;
            right.hTick(svg, right.linY(v, maxCpu), fmt(v));
        }
        right.xTicks(svg);

        boolean[] solid = new boolean[series.size()];
        for (int i = 0; i < series.size(); i++) {
            String name = series.get(i);
            List<RunResult> runs = load.stream().filter(r -> r.spec.series().equals(name)).toList();
            left.series(svg, runs, r -> r.num("p99_ms"), v -> left.logY(v, lo, hi), colours[i], i % 2 == 1, name);
            right.series(svg, runs, Report::cpuPerDeliveryValue, v -> right.linY(v, maxCpu), colours[i], i % 2 == 1, name);
            solid[i] = i % 2 == 1;
        }
        left.legend(svg, names, colours, solid);
        right.legend(svg, names, colours, solid);

        StringBuilder caption = new StringBuilder();
        for (RunResult r : load) {
            caption.append(caption.length() == 0 ? "" : " · ").append(r.spec.name()).append(" ").append(fmt(r.num("deliveries_per_s") / 1000))
                    .append("k/s");
        }
        caption.insert(0, "deliveries made: ");
        svg.append("<text x=\"").append(width / 2).append("\" y=\"").append(height - 12).append("\" text-anchor=\"middle\" fill=\"#555\">")
                .append(escape(caption.toString())).append("</text>\n");
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
                    java.util.function.DoubleUnaryOperator toY, String colour, boolean dashed, String name) {
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
