package dev.ssehub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Starts the server of a target for one run, each with the same hub settings where it is a hub,
 * and says how, for the report. The hub targets run from {@code hubCheckout}'s build, which is
 * this checkout unless {@code BENCH_HUB_ROOT} names another; the WAR is always this checkout's.
 */
final class TargetLauncher {

    private final Path root;
    private final Path hubCheckout;
    private final Path work;
    private final String javaHome;
    private final String java;
    private final String jcmd;
    private final HubSettings settings;
    private final int openFiles;

    TargetLauncher(Path root, Path hubCheckout, Path work, String javaHome, String jcmd, HubSettings settings, int openFiles) {
        this.root = root;
        this.hubCheckout = hubCheckout;
        this.work = work;
        this.javaHome = javaHome;
        this.java = Path.of(javaHome, "bin", "java").toString();
        this.jcmd = jcmd;
        this.settings = settings;
        this.openFiles = openFiles;
    }

    Path wlp() {
        return root.resolve("target/liberty/wlp");
    }

    /** The cores the hub's JVM sees, and so the number of nginx workers. */
    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The target's {@code -Xmx} in MiB; NaN for a server without a Java heap. */
    static double maxHeapMb(Target target) {
        return switch (target) {
            case HUB, HUB_JAXRS -> mebibytes(BenchedHub.maxHeap());
            case LIBERTY -> mebibytes(BenchedLiberty.MAX_HEAP);
            case NCHAN -> Double.NaN;
        };
    }

    /** A JVM size ("256m", "1g", "524288k") in MiB; NaN when it is not one. */
    static double mebibytes(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        char unit = s.charAt(s.length() - 1);
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        try {
            double value = Double.parseDouble(digits);
            return switch (unit) {
                case 'g' -> value * 1024;
                case 'm' -> value;
                case 'k' -> value / 1024;
                default -> Character.isDigit(unit) ? value / 1024 / 1024 : Double.NaN;
            };
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Starts the target's server for a run; a hub gets {@code logEnvironment} on top of the common settings. */
    BenchedServer start(Target target, String run, Map<String, String> logEnvironment) throws IOException, InterruptedException {
        String name = run + "-" + target.label;
        HubSettings hub = settings.with(logEnvironment);
        return switch (target) {
            case HUB -> BenchedHub.start(hubCheckout, java, jcmd, BenchedHub.maxHeap(), hub, BenchedHub.NATIVE_STREAMS,
                    work.resolve(name + ".log"));
            case HUB_JAXRS -> BenchedHub.start(hubCheckout, java, jcmd, BenchedHub.maxHeap(), hub, BenchedHub.JAXRS_STREAMS,
                    work.resolve(name + ".log"));
            case LIBERTY -> BenchedLiberty.start(wlp(), root.resolve("target/ssehub.war"), root.resolve("openliberty/server.xml"),
                    work.resolve(name), javaHome, jcmd, hub);
            case NCHAN -> BenchedNchan.start(work.resolve(name), cores(), openFiles);
        };
    }

    /** How each target is started, in Markdown, for the report's introduction. */
    Map<Target, String> descriptions() {
        String hubCommand = "`" + String.join(" ", BenchedHub.command(Path.of("<checkout>"), "java", BenchedHub.maxHeap())) + "`";
        Map<Target, String> text = new LinkedHashMap<>();
        text.put(Target.HUB, hubCommand + " with " + HubSettings.described() + " `SSEHUB_STREAMS=" + BenchedHub.NATIVE_STREAMS
                + "` and the port and host (`127.0.0.1`) in `SSEHUB_PORT` and `SSEHUB_HOST`");
        text.put(Target.HUB_JAXRS, "the same with `SSEHUB_STREAMS=" + BenchedHub.JAXRS_STREAMS + "`, the portable JAX-RS `SseEventSink`"
                + " and `SseBroadcaster`");
        text.put(Target.LIBERTY, "`target/ssehub.war` on Open Liberty " + BenchedLiberty.version(wlp()) + " (`openliberty/server.xml`,"
                + " HTTP on 127.0.0.1 only, `-Xmx" + BenchedLiberty.MAX_HEAP + " -XX:+ExitOnOutOfMemoryError` in `jvm.options`), with the same settings in the"
                + " server's environment, started and stopped with `wlp/bin/server`; the server is created afresh for each run");
        text.put(Target.NCHAN, BenchedNchan.nginxVersion() + " with Nchan " + BenchedNchan.nchanVersion() + ", " + cores()
                + " worker processes (one per core the hub's JVM sees), the configuration `NchanConfig` writes to"
                + " `target/bench/<run>-nchan/nginx.conf`: one `nchan_pubsub` location, a history of " + HubSettings.HISTORY_SIZE
                + " messages, a comment ping every " + HubSettings.HEARTBEAT_SECONDS + " s, new subscribers starting at the newest"
                + " message, up to " + openFiles + " open files per worker");
        return text;
    }
}
