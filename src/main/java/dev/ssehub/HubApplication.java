package dev.ssehub;

import dev.ssehub.config.Settings;
import dev.ssehub.demo.DemoResource;
import dev.ssehub.http.BodySizeLimit;
import dev.ssehub.http.CorsFilter;
import dev.ssehub.http.FailedPublishCounter;
import dev.ssehub.http.HeaderSyntaxCheck;
import dev.ssehub.http.HealthResource;
import dev.ssehub.http.MercureResource;
import dev.ssehub.http.MetricsResource;
import dev.ssehub.http.RefusalMapper;
import dev.ssehub.http.RequestLog;
import dev.ssehub.http.SubscriptionsResource;
import dev.ssehub.http.UnexpectedExceptionMapper;
import dev.ssehub.http.WebApplicationExceptionMapper;
import dev.ssehub.hub.Hub;
import dev.ssehub.jaxrs.EventStreamHeaders;
import dev.ssehub.protocol.EventStreamEndpoint;
import jakarta.enterprise.inject.Vetoed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The hub as a JAX-RS application: the same object on Grizzly and on any Jakarta EE server. It
 * hands the runtime ready-made resources and providers of one {@link RunningHub}, so nothing
 * depends on constructor injection, which CDI-managed runtimes do not perform. It is vetoed as a
 * CDI bean: otherwise CDI wraps it in a proxy and an app server builds a second one.
 */
@Vetoed
@ApplicationPath("/")
public class HubApplication extends Application implements AutoCloseable {

    private final RunningHub running;
    private final Set<Object> singletons;

    /** Used by app servers: the class loader's shared hub, with settings from the environment and system properties. */
    public HubApplication() {
        this(RunningHub.shared());
    }

    /** A hub of its own, closed with this application: the standalone hub's, and tests'. */
    public HubApplication(Settings settings) {
        this(new RunningHub(settings));
    }

    private HubApplication(RunningHub running) {
        this.running = running;
        Hub hub = running.hub();
        this.singletons = Set.of(
                new MercureResource(hub, running.authorizer(), running.streams(), running.sinks()),
                new SubscriptionsResource(running.subscriptions(), running.authorizer()),
                new DemoResource(running.demoTokens()),
                new HealthResource(running.log(), hub, running.verifiers().providers()),
                new MetricsResource(hub.metrics()),
                new FailedPublishCounter(hub.metrics()),
                new CorsFilter(running.cors()),
                new RequestLog(),
                new BodySizeLimit(running.settings().maxBody()),
                new HeaderSyntaxCheck(),
                new EventStreamHeaders(),
                running.sinks().writer(),
                new RefusalMapper(),
                new WebApplicationExceptionMapper(),
                new UnexpectedExceptionMapper());
    }

    public Settings settings() {
        return running.settings();
    }

    public Hub hub() {
        return running.hub();
    }

    /** The subscribe side of the hub endpoint, for the runtime's native stream adapter. */
    public EventStreamEndpoint streams() {
        return running.streams();
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }

    @Override
    public void close() {
        running.close();
    }
}
