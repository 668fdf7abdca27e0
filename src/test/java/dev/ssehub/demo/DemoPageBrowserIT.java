package dev.ssehub.demo;

import dev.ssehub.testing.BrowserScript;
import org.junit.jupiter.api.Test;

/**
 * The demo page in a real browser, against the WAR on Open Liberty: a second server, started by the
 * pom with the demo on, so that its publishers stay out of the protocol tests' history.
 */
class DemoPageBrowserIT {

    @Test
    void demoPageShowsLiveUpdatesAndPublishesInChromium() throws Exception {
        String baseUrl = System.getProperty("ssehub.liberty.demo.uri");
        if (baseUrl == null) {
            throw new IllegalStateException("ssehub.liberty.demo.uri is not set: run with `mvn verify`, which starts the demo's Liberty");
        }
        BrowserScript.run("demo-page.test.mjs", BrowserScript.PAGE_TIMEOUT_SECONDS, baseUrl);
    }
}
