package dev.ssehub.http;

import java.net.URI;

/** {@link PublishTest}, against the WAR on Open Liberty. */
class PublishIT extends PublishTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
