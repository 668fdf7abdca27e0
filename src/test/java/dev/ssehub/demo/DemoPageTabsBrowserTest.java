package dev.ssehub.demo;

import dev.ssehub.config.Setting;
import dev.ssehub.testing.BrowserScript;
import dev.ssehub.testing.TlsHub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo page in ten tabs of one real Chromium over HTTPS: past the six connections per host a
 * browser keeps over HTTP/1.1, every tab loads, connects and receives, because over HTTP/2 all
 * their streams share one connection.
 */
class DemoPageTabsBrowserTest {

    private static final int TABS = 10;
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void tenTabsConnectAndReceiveOverHttp2() throws Exception {
        try (TlsHub hub = TlsHub.start(Map.of(Setting.DEMO, "true"))) {
            BrowserScript.run("many-tabs.test.mjs", TIMEOUT_SECONDS, hub.https("").toString(), Integer.toString(TABS));
        }
    }
}
