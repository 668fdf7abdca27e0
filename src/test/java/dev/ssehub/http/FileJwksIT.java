package dev.ssehub.http;

import java.net.URI;

/** {@link FileJwksTest}, against the WAR on Open Liberty. */
class FileJwksIT extends FileJwksTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }
}
