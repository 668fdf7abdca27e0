package dev.ssehub.testing;

import dev.ssehub.cli.Cli;
import dev.ssehub.config.Setting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The standalone hub in an operating-system process of its own, as `ssehub serve` runs it. */
public final class HubProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int port;
    private final Process process;

    private HubProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts {@code ssehub serve} on a free loopback port with these extra flags, and waits until it answers. */
    public static HubProcess start(String... flags) throws Exception {
        return start(FreePorts.any(), flags);
    }

    public static HubProcess start(int port, String... flags) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Cli.class.getName(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // Stops close every stream at once unless a test asks for a drain window with --drain.
        builder.environment().put(Setting.DRAIN.environmentVariable(), "0");
        Process process = builder.start();
        HubProcess hub = new HubProcess(port, process);
        hub.awaitAnswer();
        return hub;
    }

    public int port() {
        return port;
    }

    public URI hubUri() {
        return URI.create("http://127.0.0.1:" + port + "/.well-known/mercure");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + path);
    }

    /** SIGKILL: no shutdown hook, no flush, like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, the way an operator stops it. */
    @Override
    public void close() throws InterruptedException {
        terminate();
        if (!awaitExit(Duration.ofSeconds(15))) {
            kill();
        }
    }

    /** SIGTERM without waiting, to watch the hub while it stops. */
    public void terminate() {
        process.destroy();
    }

    public boolean awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitAnswer() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the hub exited with " + process.exitValue() + " at start");
            }
            try {
                HTTP.send(HttpRequest.newBuilder(uri("healthz")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        kill();
        throw new AssertionError("the hub did not answer within 30 s");
    }
}
