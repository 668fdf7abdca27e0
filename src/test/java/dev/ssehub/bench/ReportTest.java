package dev.ssehub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.bench.BenchDriver.Kind;
import dev.ssehub.bench.BenchDriver.RunResult;
import dev.ssehub.bench.BenchDriver.RunSpec;
import dev.ssehub.bench.BenchDriver.ThreadCpu;
import dev.ssehub.bench.ProcessGroup.CpuTicks;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final RunSpec LOAD_1K = new RunSpec("load-1k", Kind.LOAD, 1000, 200, 10, 25, 0, false, "matrix",
            EnumSet.allOf(Target.class));
    private static final RunSpec IDLE_0 = new RunSpec("idle-0", Kind.IDLE, 0, 0, 5, 10, 0, false, "", EnumSet.allOf(Target.class));
    private static final RunSpec IDLE_10K = new RunSpec("idle-10k", Kind.IDLE, 10_000, 0, 5, 10, 0, false, "", EnumSet.allOf(Target.class));

    @Test
    void regeneratedFiguresKeepTheHandWrittenPartOfThePreviousFile() {
        String previous = "# Benchmarks\n\nold figures\n\n" + Report.HAND_WRITTEN_MARKER + "\n\n## Where the time goes\n\nanalysis\n";
        assertThat(Report.keepingHandWritten("# Benchmarks\n\nnew figures\n", previous))
                .isEqualTo("# Benchmarks\n\nnew figures\n\n" + Report.HAND_WRITTEN_MARKER + "\n\n## Where the time goes\n\nanalysis\n");
    }

    @Test
    void aFileWithoutHandWrittenPartIsReplacedWhole() {
        assertThat(Report.keepingHandWritten("new\n", "old\n")).isEqualTo("new\n");
        assertThat(Report.keepingHandWritten("new\n", null)).isEqualTo("new\n");
    }

    @Test
    void aRatioIsOursOverTheirsAndAbsentWithoutBothFigures() {
        assertThat(Report.ratio(8, 2)).isEqualTo(4);
        assertThat(Report.ratio(1, 4)).isEqualTo(0.25);
        assertThat(Report.ratio(8, 0)).isNaN();
        assertThat(Report.ratio(Double.NaN, 2)).isNaN();
        assertThat(Report.ratio(8, Double.NaN)).isNaN();
    }

    @Test
    void aCellShowsBothFiguresAndTheRatioAndMarksAFlawedRun() {
        assertThat(Report.versus(7.75, 3.1, false)).isEqualTo("7.75 / 3.10 = **2.50×**");
        assertThat(Report.versus(7.75, 3.1, true)).isEqualTo("7.75 / 3.10 = **2.50×** ⚠");
        assertThat(Report.versus(7.75, Double.NaN, false)).isEqualTo("7.75 / –");
    }

    @Test
    void aRunThatLostUpdatesOrCouldNotConnectIsFlawed() {
        assertThat(Report.flawed(load(Target.HUB, 7.0, 100_000, Map.of()))).isFalse();
        assertThat(Report.flawed(load(Target.HUB, 7.0, 100_000, Map.of("gaps", "3")))).isTrue();
        assertThat(Report.flawed(load(Target.HUB, 7.0, 100_000, Map.of("connect_failed", "12")))).isTrue();
        assertThat(Report.flawed(load(Target.HUB, 7.0, 100_000, Map.of("undelivered_at_end", "1")))).isTrue();
        RunResult failed = load(Target.HUB, 7.0, 100_000, Map.of());
        failed.failure = "the server ended early";
        assertThat(Report.flawed(failed)).isTrue();
        assertThat(Report.flawed(new RunResult(LOAD_1K, Target.HUB, "hub"))).as("no result at all").isTrue();
    }

    @Test
    void memoryPerSubscriberIsTheGrowthOverTheSameTargetsIdleRunPerSubscriberConnected() {
        RunResult none = idle(IDLE_0, 0, 100);
        RunResult some = idle(IDLE_10K, 8000, 300);
        assertThat(Report.perSubscriberKb(some, none, "rss_mb")).isEqualTo(200 * 1024 / 8000.0);
        assertThat(Report.perSubscriberKb(some, null, "rss_mb")).isNaN();
    }

    @Test
    void eachOfOurRunsIsSetAgainstNchansRunOfTheSameNameAndAFlawedPeerMarksTheCell() {
        RunResult hub = load(Target.HUB, 8.0, 200_000, Map.of("p50_ms", "20", "p99_ms", "80"));
        RunResult nchan = load(Target.NCHAN, 2.0, 100_000, Map.of("p50_ms", "5", "p99_ms", "40", "gaps", "7"));
        String md = Report.markdown(List.of(hub, nchan), machine(), Map.of(), true, 60, "chart.svg");
        assertThat(md).contains("| load-1k | hub | 8 / 2 = **4×** ⚠ | 20 / 5 = **4×** ⚠ | 80 / 40 = **2×** ⚠ | 200000 / 100000 = **2×** ⚠ | 200 / 200 |");
        assertThat(md).contains("### hub\n", "### nchan\n");
    }

    @Test
    void figuresTakenAtDifferentPublishRatesAreMarked() {
        RunResult hub = load(Target.HUB, 8.0, 200_000, Map.of());
        RunResult nchan = load(Target.NCHAN, 2.0, 38_000, Map.of("publish_rate", "38"));
        assertThat(Report.underOffered(hub)).isFalse();
        assertThat(Report.underOffered(nchan)).isTrue();
        String md = Report.markdown(List.of(hub, nchan), machine(), Map.of(), true, 60, "chart.svg");
        assertThat(md).contains("| load-1k | hub † | 8 / 2 = **4×** |", "| 200 / 38 |", "†: on at least one side the publisher fell short");
    }

    @Test
    void aLoadRunSaysHowLongItsServersJitTookToCatchUpAndTheRulesSayWhen() {
        RunResult measuredAsItCame = load(Target.HUB, 3.2, 200_000, Map.of("connect_failed", "0"));
        RunResult noJvm = withJitWait(load(Target.NCHAN, 5, 200_000, Map.of("connect_failed", "0")), 0);
        String md = Report.markdown(List.of(measuredAsItCame, noJvm), machine(), Map.of(), true, 60, "chart.svg");
        assertThat(md).doesNotContain("JIT caught up");
        RunResult waited = withJitWait(load(Target.HUB, 3.2, 200_000, Map.of("connect_failed", "0")), 35.3);
        md = Report.markdown(List.of(waited), machine(), Map.of(), true, 60, "chart.svg");
        assertThat(md).contains("JIT caught up 35.3 s after the warm-up", "use under 5 % of a core over 5 s, at most 120 s");
    }

    @Test
    void threadsOfOneNameAreSummedOverTheWindowAndSayHowMuchOfItWasTheKernels() {
        Map<String, CpuTicks> start = Map.of("11 ssehub-writer-1", new CpuTicks(100, 300), "12 ssehub-writer-2", new CpuTicks(50, 50));
        Map<String, CpuTicks> end = Map.of("11 ssehub-writer-1", new CpuTicks(200, 600), "12 ssehub-writer-2", new CpuTicks(150, 350),
                "13 C2 CompilerThread0", new CpuTicks(40, 10));
        assertThat(BenchDriver.threadGroups(start, end)).containsExactly(
                new ThreadCpu("C2 CompilerThread", 1, 0.5, 0.2),
                new ThreadCpu("ssehub-writer", 2, 8.0, 0.75));
        assertThat(BenchDriver.seconds(BenchDriver.threadGroups(start, end), ThreadRole.JIT, true)).isEqualTo(0.5);
        assertThat(BenchDriver.seconds(BenchDriver.threadGroups(start, end), ThreadRole.OTHER, true)).isEqualTo(8.0);
        RunResult r = load(Target.HUB, 3.2, 200_000, Map.of());
        r.topThreads.addAll(BenchDriver.threadGroups(start, end));
        assertThat(Report.markdown(List.of(r), machine(), Map.of(), true, 60, "chart.svg"))
                .contains("`C2 CompilerThread` ×1 0.50 s (20 % kernel), `ssehub-writer` ×2 8 s (75 % kernel)", "in brackets the share the kernel spent");
    }

    private static RunResult withJitWait(RunResult r, double seconds) {
        r.server.put("jit_wait_s", seconds);
        return r;
    }

    @Test
    void withoutNchanInTheSittingThereAreNoRatios() {
        String md = Report.markdown(List.of(load(Target.HUB, 8.0, 200_000, Map.of())), machine(), Map.of(), true, 60, "chart.svg");
        assertThat(md).contains("so there are no ratios").doesNotContain("= **");
    }

    @Test
    void aPublishRunShowsCpuPerPublishByThreadRoleAndIsSetAgainstNchan() {
        RunSpec spec = RunSpec.publish("publish-memory-8", new BenchDriver.Publishing(8, 1000, 20_000, BenchedLog.MEMORY), 600,
                EnumSet.of(Target.HUB, Target.NCHAN));
        RunResult hub = publish(spec, Target.HUB, 10_000, 20_000, 14.2, Map.of(ThreadRole.REQUEST, 0.8, ThreadRole.JIT, 0.1, ThreadRole.GC, 0.04));
        RunResult nchan = publish(spec, Target.NCHAN, 5_000, 20_000, 0, Map.of(ThreadRole.REQUEST, 0.4));
        assertThat(Report.cpuPerPublish(hub, ThreadRole.REQUEST.cpuKey())).isEqualTo(40);
        String md = Report.markdown(List.of(hub, nchan), machine(), Map.of(), true, 60, "chart.svg");
        assertThat(md).contains("| publish-memory-8 | hub | 47.0 / 20 = **2.35×** | 40 / 20 = **2×** | 10000 / 5000 = **2×** |");
        assertThat(md).contains("| publish-memory-8 | hub | memory: | 8 | 14.2 | 20000 | 10000 | 0.50 | 2 | 9 | 40 | 5 | 2 | 0 | 47.0 | – | 0 |",
                "| publish-memory-8 | nchan | memory | 8 | 0 | 20000 | 5000 |");
        assertThat(md).doesNotContain("### hub\n");
    }

    private static RunResult publish(RunSpec spec, Target target, double perSecond, double measured, double jitWaitSecs,
                                     Map<ThreadRole, Double> cpu) {
        RunResult r = new RunResult(spec, target, target.label);
        r.load.putAll(Map.of("published_window", BenchDriver.fmt(measured), "publish_rate", BenchDriver.fmt(perSecond),
                "pub_p50_ms", "0.5", "pub_p99_ms", "2", "pub_max_ms", "9", "pub_failed_requests", "0"));
        double server = 0;
        for (ThreadRole role : ThreadRole.values()) {
            double seconds = cpu.getOrDefault(role, 0.0);
            r.server.put(role.cpuKey(), seconds);
            server += seconds;
        }
        r.server.put("server_cpu_s", server);
        r.server.put("jit_wait_s", jitWaitSecs);
        return r;
    }

    @Test
    void threadsAreToldApartByTheirNamesOnAJvmAndEveryNginxProcessServes() {
        assertThat(ThreadRole.of("grizzly-http-se", true)).isEqualTo(ThreadRole.REQUEST);
        assertThat(ThreadRole.of("grizzly-nio-ker", true)).isEqualTo(ThreadRole.REQUEST);
        assertThat(ThreadRole.of("C2 CompilerThre", true)).isEqualTo(ThreadRole.JIT);
        assertThat(ThreadRole.of("G1 Conc#0", true)).isEqualTo(ThreadRole.GC);
        assertThat(ThreadRole.of("GC Thread#1", true)).isEqualTo(ThreadRole.GC);
        assertThat(ThreadRole.of("ssehub-dispatch", true)).isEqualTo(ThreadRole.OTHER);
        assertThat(ThreadRole.of("nginx: worker process", false)).isEqualTo(ThreadRole.REQUEST);
    }

    private static RunResult load(Target target, double cpuMicrosPerDelivery, double deliveriesPerSecond, Map<String, String> more) {
        RunResult r = new RunResult(LOAD_1K, target, target.label);
        r.load.put("established", "1000");
        r.load.put("deliveries_per_s", BenchDriver.fmt(deliveriesPerSecond));
        r.load.put("deliveries_window", BenchDriver.fmt(deliveriesPerSecond * 25));
        r.load.put("gaps", "0");
        r.load.put("duplicates", "0");
        r.load.put("undelivered_at_end", "0");
        r.load.put("publish_rate", "200");
        r.load.putAll(more);
        r.server.put("server_cpu_s", cpuMicrosPerDelivery * deliveriesPerSecond * 25 / 1e6);
        return r;
    }

    private static RunResult idle(RunSpec spec, int connected, double rssMb) {
        RunResult r = new RunResult(spec, Target.HUB, "hub");
        r.load.put("established", Integer.toString(connected));
        r.server.put("rss_mb", rssMb);
        return r;
    }

    private static Map<String, String> machine() {
        return Map.of("date", "today", "cpu", "2 cores", "memory", "24 GiB", "kernel", "6", "jdk", "17", "open_files", "20000",
                "commit", "abc", "selectors", "1", "load_average", "0.1, 0.1, 0.1");
    }
}
