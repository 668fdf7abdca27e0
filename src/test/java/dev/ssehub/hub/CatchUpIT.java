package dev.ssehub.hub;

import java.net.URI;

/** {@link CatchUpTest}, against the WAR on Open Liberty. */
class CatchUpIT extends CatchUpTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
