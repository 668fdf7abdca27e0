package dev.ssehub.hub;

import java.net.URI;

/** {@link ReconnectStormTest}, against the WAR on Open Liberty, whose history holds 50 updates. */
class ReconnectStormIT extends ReconnectStormTest {

    @Override
    protected int updatesPerPublisher() {
        return 12;
    }

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
