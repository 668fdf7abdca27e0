package dev.ssehub.demo;

import dev.ssehub.config.Setting;
import dev.ssehub.config.Settings;
import dev.ssehub.standalone.StandaloneServer;
import dev.ssehub.testing.BrowserScript;
import dev.ssehub.testing.FreePorts;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo page in a real browser, against a standalone hub with the demo on. */
class DemoPageBrowserTest {

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
        BrowserScript.run("demo-page.test.mjs", BrowserScript.PAGE_TIMEOUT_SECONDS, "http://127.0.0.1:" + server.port() + "/");
    }
}
