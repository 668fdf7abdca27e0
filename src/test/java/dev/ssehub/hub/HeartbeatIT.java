package dev.ssehub.hub;

import java.net.URI;

/** {@link HeartbeatTest}, against the WAR on Open Liberty. */
class HeartbeatIT extends HeartbeatTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
