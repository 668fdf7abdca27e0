package dev.ssehub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts in {@code src/test/browser} with Node.js: playwright-core driving
 * Debian's Chromium. Fails with the script's output unless it exits 0 in time.
 */
public final class BrowserScript {

    /** Long enough for one page's test on a busy 2-core machine, Chromium's start included. */
    public static final long PAGE_TIMEOUT_SECONDS = 90;

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path BROWSER_TESTS = Path.of("src/test/browser");
    private static final String INSTALL_HINT = "run `make test`, which installs them (Debian's chromium package and src/test/browser/node_modules)";

    private BrowserScript() {
    }

    public static void run(String script, long timeoutSeconds, String... arguments) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        assertThat(Files.isExecutable(CHROMIUM))
                .as("%s is missing: %s", CHROMIUM, INSTALL_HINT)
                .isTrue();
        assertThat(Files.isDirectory(root.resolve(BROWSER_TESTS).resolve("node_modules/playwright-core")))
                .as("%s is missing: %s", BROWSER_TESTS.resolve("node_modules"), INSTALL_HINT)
                .isTrue();
        List<String> command = new ArrayList<>(List.of("node", BROWSER_TESTS.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("ssehub-browser-test", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("cannot run node (Node.js 20 or later is needed): " + e.getMessage(), e);
            }
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            System.out.print(log);
            assertThat(finished)
                    .as("the browser test did not finish within %d s; its output:%n%s", timeoutSeconds, log)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("the browser test failed; its output:%n%s", log)
                    .isZero();
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
