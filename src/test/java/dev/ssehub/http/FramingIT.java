package dev.ssehub.http;

import java.net.URI;

/** {@link FramingTest}, against the WAR on Open Liberty, whose streams the hub writes with Servlet async I/O. */
class FramingIT extends FramingTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
