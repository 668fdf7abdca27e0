package dev.ssehub.http;

import java.net.URI;

/** {@link CorsTest}, against the WAR on Open Liberty. */
class CorsIT extends CorsTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
