package dev.ssehub.http;

import java.net.URI;

/** {@link MetricsTest}, against the WAR on Open Liberty. */
class MetricsIT extends MetricsTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
