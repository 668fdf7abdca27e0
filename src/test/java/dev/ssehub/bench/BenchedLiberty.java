package dev.ssehub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The WAR on Open Liberty: the runtime that {@code liberty:create liberty:install-feature} put in
 * {@code target/liberty/wlp}, with a server of the bench's own (its user directory under
 * target/bench, so the integration tests' server and its settings stay untouched), created afresh
 * for every run from {@code openliberty/server.xml}, on a free loopback port.
 */
final class BenchedLiberty implements BenchedServer {

    static final String SERVER = "ssehub";
    /** The app server's own footprint comes on top of the hub's. */
    static final String MAX_HEAP = "1g";
    /** A Liberty message's level, after its time, thread and logger: W for warnings, E for errors. */
    private static final Pattern WARNING = Pattern.compile("^\\[[^]]*] \\S+ \\S+\\s+[WE] ");

    private final Path wlp;
    private final Path userDir;
    private final int port;
    private final long pid;
    private final String jcmd;

    private BenchedLiberty(Path wlp, Path userDir, int port, long pid, String jcmd) {
        this.wlp = wlp;
        this.userDir = userDir;
        this.port = port;
        this.pid = pid;
        this.jcmd = jcmd;
    }

    /** Creates the server in {@code userDir}, starts it with these settings and waits until the hub answers. */
    static BenchedLiberty start(Path wlp, Path war, Path serverXml, Path userDir, String javaHome, String jcmd, HubSettings settings)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(wlp.resolve("bin/server")) || !Files.exists(war)) {
            throw new IOException("no Open Liberty in " + wlp + " or no " + war + ": make bench creates both (mvn package liberty:create"
                    + " liberty:install-feature) when the liberty target is chosen");
        }
        deleteTree(userDir);
        Path server = Files.createDirectories(userDir.resolve("servers").resolve(SERVER));
        Files.createDirectories(server.resolve("apps"));
        Files.copy(war, server.resolve("apps/ssehub.war"));
        Files.copy(serverXml, server.resolve("server.xml"));
        Path overrides = Files.createDirectories(server.resolve("configDropins/overrides"));
        Files.writeString(overrides.resolve("bench.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by dev.ssehub.bench.BenchDriver: loopback only, and no HTTPS port (the load is plain HTTP/1.1). -->
                <server>
                  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpsPort="-1"/>
                </server>
                """, StandardCharsets.UTF_8);
        int port = BenchedHub.freePort();
        Files.writeString(server.resolve("bootstrap.properties"), "http.port=" + port + "\n", StandardCharsets.UTF_8);
        // As for the standalone hub: out of heap, the server exits instead of holding the run up to its timeout.
        Files.writeString(server.resolve("jvm.options"), "-Xmx" + MAX_HEAP + "\n-XX:+ExitOnOutOfMemoryError\n", StandardCharsets.UTF_8);

        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", SERVER)
                .redirectErrorStream(true).redirectOutput(userDir.resolve("server-start.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SSEHUB_"));
        builder.environment().putAll(settings.environment());
        builder.environment().put("WLP_USER_DIR", userDir.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", javaHome);
        Process starting = builder.start();
        if (!starting.waitFor(180, TimeUnit.SECONDS) || starting.exitValue() != 0) {
            starting.destroyForcibly();
            throw new IOException("Open Liberty did not start; see " + userDir.resolve("server-start.log") + " and "
                    + server.resolve("logs/messages.log"));
        }
        Path pidFile = userDir.resolve("servers/.pid").resolve(SERVER + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        BenchedLiberty liberty = new BenchedLiberty(wlp, userDir, port, pid, jcmd);
        if (!liberty.answers(Duration.ofSeconds(60))) {
            liberty.stop();
            throw new IOException("the hub in Open Liberty did not answer /healthz on " + port + " within 60 s; see "
                    + server.resolve("logs/messages.log"));
        }
        return liberty;
    }

    /** "26.0.0.3", from the runtime's product properties. */
    static String version(Path wlp) {
        Properties product = new Properties();
        try (var in = Files.newInputStream(wlp.resolve("lib/versions/openliberty.properties"))) {
            product.load(in);
            return product.getProperty("com.ibm.websphere.productVersion", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private boolean answers(Duration within) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ProcessGroup processes() {
        return ProcessGroup.of(pid);
    }

    @Override
    public Optional<JvmDiagnostics> jvm() {
        return Optional.of(new JvmDiagnostics(jcmd, pid));
    }

    @Override
    public String logText() {
        try {
            return Files.readString(userDir.resolve("servers").resolve(SERVER).resolve("logs/messages.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public List<String> warnings() {
        return logText().lines().filter(line -> WARNING.matcher(line).find()).toList();
    }

    @Override
    public String exitStatus() {
        return processes().isAlive() ? null : "its JVM was gone";
    }

    /** {@code server stop}; the JVM is killed if it is still there a minute later. */
    @Override
    public boolean stop() {
        if (!processes().isAlive()) {
            return false;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", SERVER)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(userDir.resolve("server-stop.log").toFile()));
            builder.environment().put("WLP_USER_DIR", userDir.toAbsolutePath().toString());
            Process stopping = builder.start();
            if (!stopping.waitFor(60, TimeUnit.SECONDS)) {
                stopping.destroyForcibly();
            }
        } catch (IOException e) {
            // killed below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional<ProcessHandle> jvm = ProcessHandle.of(pid);
        if (jvm.isEmpty() || !jvm.get().isAlive()) {
            return false;
        }
        jvm.get().destroyForcibly();
        try {
            jvm.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception stillThere) {
            // nothing more to do
        }
        return true;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
