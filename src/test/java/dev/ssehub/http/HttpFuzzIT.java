package dev.ssehub.http;

import java.net.URI;

/**
 * {@link HttpFuzzTest}, against the WAR on Open Liberty, configured as its settings say (the pom's
 * bootstrap properties). Fewer requests than on Grizzly: Liberty closes the connection after many
 * refusals, and every new connection costs it more than Grizzly.
 */
class HttpFuzzIT extends HttpFuzzTest {

    @Override
    protected URI externalHub() {
        return libertyHub();
    }

    @Override
    protected int historySize() {
        return 50;
    }

    @Override
    protected boolean theHubParsesHttp() {
        return false;
    }

    @Override
    protected int hostileRequests() {
        return 2_000;
    }
}
