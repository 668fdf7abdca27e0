package dev.ssehub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub as a separate JVM on a free loopback port, and what /proc and jcmd say about it.
 */
final class BenchedHub implements AutoCloseable {

    /** Clock ticks per second of /proc/[pid]/stat; 100 on every Linux this runs on. */
    static final long CLOCK_TICKS = 100;
    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    final Path root;
    final Path log;
    final int port;
    private final Process process;

    private BenchedHub(Path root, Path log, int port, Process process) {
        this.root = root;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    static BenchedHub start(Path root, String java, String key, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = List.of(java, "-Xmx512m", "-cp", "target/classes:target/lib/*", "dev.ssehub.cli.Cli", "serve",
                "--port", Integer.toString(port), "--host", "127.0.0.1", "--jwt-key", key,
                "--heartbeat", "30s", "--history-size", "10000");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The hub reads SSEHUB_* from the environment as well: only the flags above should count.
        builder.environment().keySet().removeIf(name -> name.startsWith("SSEHUB_"));
        Process process = builder.start();
        BenchedHub hub = new BenchedHub(root, log, port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the hub exited with " + process.exitValue() + " before listening; see " + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return hub;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        hub.close();
        throw new IOException("the hub did not listen on " + port + " within 30 s; see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** utime + stime of the whole process, in clock ticks; -1 once it is gone. */
    long cpuTicks() {
        return ticks(Path.of("/proc", Long.toString(pid()), "stat"));
    }

    /** CPU ticks per thread, keyed by "tid name". */
    Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid()), "task");
        try (var list = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) list::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
                    long t = ticks(task.resolve("stat"));
                    if (t >= 0) {
                        ticks.put(task.getFileName() + " " + name, t);
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return ticks;
    }

    /** A field of /proc/[pid]/status in kB or as a count (VmRSS, VmHWM, Threads); -1 if unknown. */
    long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return -1;
    }

    /** Open file descriptors of the hub; -1 if unknown. */
    long openFiles() {
        try (var list = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return list.count();
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** Heap used and committed in KiB from {@code jcmd GC.heap_info}, or null. */
    long[] heapKb(String jcmd) {
        String out = jcmd(jcmd, "GC.heap_info");
        if (out == null) {
            return null;
        }
        Matcher m = HEAP.matcher(out);
        return m.find() ? new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(1))} : null;
    }

    /** Runs one jcmd command against the hub; null on failure. Bounded to 30 s. */
    String jcmd(String jcmd, String... command) {
        List<String> full = new ArrayList<>(List.of(jcmd, Long.toString(pid())));
        full.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
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

    /** The hub's log so far. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static long ticks(Path stat) {
        try {
            String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** Asks the hub to stop (SIGTERM, so its shutdown hook runs), then kills it after 20 s. */
    @Override
    public void close() {
        stop();
    }

    /** Like {@link #close()}; true when the hub had to be killed. */
    boolean stop() {
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return true;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return true;
        }
        return false;
    }
}
