package dev.ssehub.http;

import java.net.URI;

/** {@link HealthTest}, against the WAR on Open Liberty. */
class HealthIT extends HealthTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
