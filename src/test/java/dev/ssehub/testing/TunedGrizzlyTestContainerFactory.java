package dev.ssehub.testing;

import dev.ssehub.standalone.StandaloneServer;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.test.DeploymentContext;
import org.glassfish.jersey.test.spi.TestContainer;
import org.glassfish.jersey.test.spi.TestContainerFactory;

/** Runs JerseyTest on the launcher's own Grizzly set-up, so tests see the limits users get. */
public final class TunedGrizzlyTestContainerFactory implements TestContainerFactory {

    @Override
    public TestContainer create(URI baseUri, DeploymentContext context) {
        return new TestContainer() {
            private HttpServer server;
            private URI uri = baseUri;

            @Override
            public ClientConfig getClientConfig() {
                return null;
            }

            @Override
            public URI getBaseUri() {
                return uri;
            }

            @Override
            public void start() {
                // Always a free port, whatever JerseyTest computed: test classes may run side by side.
                server = StandaloneServer.create(UriBuilder.fromUri(baseUri).port(0).build(), context.getResourceConfig());
                try {
                    server.start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                uri = UriBuilder.fromUri(baseUri).port(server.getListeners().iterator().next().getPort()).build();
            }

            @Override
            public void stop() {
                server.shutdownNow();
            }
        };
    }
}
