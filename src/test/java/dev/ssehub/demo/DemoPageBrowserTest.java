package dev.ssehub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.standalone.StandaloneServer;
import dev.ssehub.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo page in a real browser: Debian's Chromium, driven by playwright-core from
 * {@code src/test/browser}, against a standalone hub with the demo on.
 */
class DemoPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path BROWSER_TESTS = Path.of("src/test/browser");
    private static final Path SCRIPT = BROWSER_TESTS.resolve("demo-page.test.mjs");
    private static final long TIMEOUT_SECONDS = 90;
    private static final String INSTALL_HINT = "run `make test`, which installs them (Debian's chromium package and src/test/browser/node_modules)";

    private StandaloneServer server;

    /** How the hub writes event streams; the page is tested in every mode. */
    protected Settings.StreamMode streams() {
        return Settings.StreamMode.NATIVE;
    }

    @BeforeEach
    void startHub() {
        server = StandaloneServer.start(Settings.from(Map.of(
                Setting.HOST, "127.0.0.1",
                Setting.PORT, Integer.toString(FreePorts.any()),
                Setting.DEMO, "true",
                Setting.DRAIN, "0",
                Setting.STREAMS, streams().name())));
    }

    @AfterEach
    void stopHub() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    void demoPageShowsLiveUpdatesAndPublishesInChromium() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        assertThat(Files.isExecutable(CHROMIUM))
                .as("%s is missing: %s", CHROMIUM, INSTALL_HINT)
                .isTrue();
        assertThat(Files.isDirectory(root.resolve(BROWSER_TESTS).resolve("node_modules/playwright-core")))
                .as("%s is missing: %s", BROWSER_TESTS.resolve("node_modules"), INSTALL_HINT)
                .isTrue();

        String baseUrl = "http://127.0.0.1:" + server.port() + "/";
        Path output = Files.createTempFile("ssehub-browser-test", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(List.of("node", SCRIPT.toString(), baseUrl))
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
            } catch (IOException e) {
                throw new AssertionError("cannot run node (Node.js 20 or later is needed): " + e.getMessage(), e);
            }
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            System.out.print(log);
            assertThat(finished)
                    .as("the browser test did not finish within %d s; its output:%n%s", TIMEOUT_SECONDS, log)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("the browser test failed; its output:%n%s", log)
                    .isZero();
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
