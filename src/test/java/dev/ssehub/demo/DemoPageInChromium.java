package dev.ssehub.demo;

/**
 * The demo page's browser test, {@code src/test/browser/demo-page.test.mjs}, against a hub with the
 * demo on, whichever runtime serves it.
 */
final class DemoPageInChromium {

    private static final long TIMEOUT_SECONDS = 90;

    private DemoPageInChromium() {
    }

    /** @param baseUrl where the hub serves its page, ending in {@code /} */
    static void passes(String baseUrl) throws Exception {
        BrowserScript.run("demo-page.test.mjs", TIMEOUT_SECONDS, baseUrl);
    }
}
