package dev.ssehub.testing;

import java.net.URI;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.test.DeploymentContext;
import org.glassfish.jersey.test.spi.TestContainer;
import org.glassfish.jersey.test.spi.TestContainerFactory;

/** Points JerseyTest's client at a hub that is already running elsewhere; starts nothing. */
final class ExternalHubContainerFactory implements TestContainerFactory {

    private final URI hub;

    ExternalHubContainerFactory(URI hub) {
        this.hub = hub;
    }

    @Override
    public TestContainer create(URI ignored, DeploymentContext context) {
        return new TestContainer() {
            @Override
            public ClientConfig getClientConfig() {
                return null;
            }

            @Override
            public URI getBaseUri() {
                return hub;
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }
        };
    }
}
