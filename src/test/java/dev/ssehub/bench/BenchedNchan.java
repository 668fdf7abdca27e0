package dev.ssehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Nchan on nginx, master in the foreground and its workers, on a free loopback port with a configuration of its own. */
final class BenchedNchan implements BenchedServer {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_nchan_module.so");
    /** nginx's error log levels from warn up. */
    private static final Pattern WARNING = Pattern.compile("\\[(warn|error|crit|alert|emerg)]");

    private final NchanConfig config;
    private final Process master;

    private BenchedNchan(NchanConfig config, Process master) {
        this.config = config;
        this.master = master;
    }

    /** Writes the configuration into {@code dir}, starts nginx with it and waits until it listens. */
    static BenchedNchan start(Path dir, int workers, int openFiles) throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX) || !Files.exists(MODULE)) {
            throw new IOException("nginx with Nchan is not installed (" + NGINX + ", " + MODULE + "): make bench installs nginx and"
                    + " libnginx-mod-nchan when the nchan target is chosen");
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("error.log"));
        NchanConfig config = new NchanConfig(dir.toAbsolutePath(), MODULE, BenchedHub.freePort(), workers, openFiles);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, config.render(), StandardCharsets.UTF_8);
        Path log = dir.resolve("error.log");
        Process master = new ProcessBuilder(NGINX.toString(), "-p", dir.toAbsolutePath().toString(), "-c", file.toAbsolutePath().toString(),
                "-e", log.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BenchedNchan nchan = new BenchedNchan(config, master);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IOException("nginx exited with " + master.exitValue() + " before listening; see " + log);
            }
            if (BenchedHub.listens(config.port())) {
                return nchan;
            }
            Thread.sleep(100);
        }
        nchan.stop();
        throw new IOException("nginx did not listen on " + config.port() + " within 30 s; see " + log);
    }

    /** "nginx/1.22.1", as {@code nginx -v} says. */
    static String nginxVersion() {
        String out = BenchDriver.output(List.of(NGINX.toString(), "-v"));
        return out == null ? "unknown" : out.replace("nginx version:", "").strip();
    }

    /** The Debian package's version of the Nchan module. */
    static String nchanVersion() {
        String out = BenchDriver.output(List.of("dpkg-query", "-W", "-f", "${Version}", "libnginx-mod-nchan"));
        return out == null || out.isBlank() ? "unknown" : out.strip() + " (Debian package libnginx-mod-nchan)";
    }

    @Override
    public int port() {
        return config.port();
    }

    @Override
    public ProcessGroup processes() {
        return ProcessGroup.withChildren(master.pid());
    }

    @Override
    public Optional<JvmDiagnostics> jvm() {
        return Optional.empty();
    }

    @Override
    public String logText() {
        try {
            return Files.readString(config.dir().resolve("error.log"), StandardCharsets.UTF_8);
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
        return master.isAlive() ? null : "exit code " + master.exitValue();
    }

    /** SIGTERM, nginx's fast shutdown; after 20 s the master and its workers are killed. */
    @Override
    public boolean stop() {
        List<Long> processes = processes().pids();
        if (!master.isAlive()) {
            return false;
        }
        master.destroy();
        boolean killed = false;
        try {
            if (!master.waitFor(20, TimeUnit.SECONDS)) {
                master.destroyForcibly();
                master.waitFor(10, TimeUnit.SECONDS);
                killed = true;
            }
        } catch (InterruptedException e) {
            master.destroyForcibly();
            Thread.currentThread().interrupt();
            killed = true;
        }
        // Workers outlive a master that was killed: they were started for this run and end with it.
        for (long pid : processes) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(command -> command.endsWith("nginx")).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        return killed;
    }
}
