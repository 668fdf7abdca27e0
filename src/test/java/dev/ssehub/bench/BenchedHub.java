package dev.ssehub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The standalone hub as a separate JVM on a free loopback port, run from a checkout's {@code target/classes} and {@code target/lib}. */
final class BenchedHub implements BenchedServer {

    /** The hub's heap: the memory target is 19,000 subscribers under load within 256 MiB. */
    private static final String DEFAULT_MAX_HEAP = "256m";
    /** The hub's own stream adapter. */
    static final String NATIVE_STREAMS = "native";
    /** The portable JAX-RS {@code SseEventSink} and {@code SseBroadcaster}. */
    static final String JAXRS_STREAMS = "jaxrs";

    private final Path log;
    private final int port;
    private final Process process;
    private final JvmDiagnostics jvm;

    private BenchedHub(Path log, int port, Process process, JvmDiagnostics jvm) {
        this.log = log;
        this.port = port;
        this.process = process;
        this.jvm = jvm;
    }

    /** {@code -Xmx} of the hub: {@value #DEFAULT_MAX_HEAP} unless {@code BENCH_HUB_XMX} says otherwise. */
    static String maxHeap() {
        return BenchDriver.env("BENCH_HUB_XMX", DEFAULT_MAX_HEAP);
    }

    /**
     * The command that starts the hub of {@code checkout}, without its environment. A hub out of
     * heap exits at once: the run then shows the failure in seconds, where a JVM that went on
     * collecting garbage would hold every phase of the run up to its timeout.
     */
    static List<String> command(Path checkout, String java, String maxHeap) {
        return List.of(java, "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError", "-cp", checkout.resolve("target/classes") + ":" + checkout.resolve("target/lib") + "/*",
                "dev.ssehub.cli.Cli", "serve");
    }

    /** Starts the hub with these settings and {@code SSEHUB_STREAMS=streams}, and waits until it listens. */
    static BenchedHub start(Path checkout, String java, String jcmd, String maxHeap, HubSettings settings, String streams, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command(checkout, java, maxHeap)).directory(checkout.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Only the settings of the bench should count, not whatever SSEHUB_* the shell that started it had.
        builder.environment().keySet().removeIf(name -> name.startsWith("SSEHUB_"));
        builder.environment().putAll(settings.environment(port));
        builder.environment().put("SSEHUB_STREAMS", streams);
        Process process = builder.start();
        BenchedHub hub = new BenchedHub(log, port, process, new JvmDiagnostics(jcmd, process.pid()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the hub exited with " + process.exitValue() + " before listening; see " + log);
            }
            if (listens(port)) {
                return hub;
            }
            Thread.sleep(100);
        }
        hub.stop();
        throw new IOException("the hub did not listen on " + port + " within 30 s; see " + log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    static boolean listens(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ProcessGroup processes() {
        return ProcessGroup.of(process.pid());
    }

    @Override
    public Optional<JvmDiagnostics> jvm() {
        return Optional.of(jvm);
    }

    @Override
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public List<String> warnings() {
        return logText().lines().filter(line -> line.contains(" WARNING ") || line.contains(" SEVERE ")).toList();
    }

    @Override
    public String exitStatus() {
        return process.isAlive() ? null : "exit code " + process.exitValue();
    }

    /** Asks the hub to stop (SIGTERM, so its shutdown hook runs), then kills it after 20 s. */
    @Override
    public boolean stop() {
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
