package dev.ssehub.http;

import java.net.URI;

/** {@link SubscribeTest}, against the WAR on Open Liberty. */
class SubscribeIT extends SubscribeTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
