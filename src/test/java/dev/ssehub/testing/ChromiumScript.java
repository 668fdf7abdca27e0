package dev.ssehub.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a page's browser test from {@code src/test/browser} (the demo page's, the example's): Debian's
 * Chromium driven by playwright-core, against the server at a base URL, whichever runtime it is.
 */
public final class ChromiumScript {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path BROWSER_TESTS = Path.of("src/test/browser");
    private static final long TIMEOUT_SECONDS = 90;
    private static final String INSTALL_HINT = "run `make test`, which installs them (Debian's chromium package and src/test/browser/node_modules)";

    private ChromiumScript() {
    }

    /**
     * @param script the test's file in {@code src/test/browser}, e.g. {@code demo-page.test.mjs}
     * @param baseUrl where the page is served, ending in {@code /}
     */
    public static void passes(String script, String baseUrl) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        assertThat(Files.isExecutable(CHROMIUM))
                .as("%s is missing: %s", CHROMIUM, INSTALL_HINT)
                .isTrue();
        assertThat(Files.isDirectory(root.resolve(BROWSER_TESTS).resolve("node_modules/playwright-core")))
                .as("%s is missing: %s", BROWSER_TESTS.resolve("node_modules"), INSTALL_HINT)
                .isTrue();

        Path output = Files.createTempFile("ssehub-browser-test", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(List.of("node", BROWSER_TESTS.resolve(script).toString(), baseUrl))
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
