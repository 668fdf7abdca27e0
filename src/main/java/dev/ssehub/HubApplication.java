package dev.ssehub;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.auth.TokenVerifiers;
import dev.ssehub.config.Settings;
import dev.ssehub.demo.DemoPublishers;
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
import dev.ssehub.hub.SubscriberObserver;
import dev.ssehub.jaxrs.EventStreamHeaders;
import dev.ssehub.jaxrs.JaxRsStreams;
import dev.ssehub.log.EventLog;
import dev.ssehub.log.EventLogs;
import dev.ssehub.protocol.CorsPolicy;
import dev.ssehub.protocol.EventStreamEndpoint;
import dev.ssehub.protocol.RequestAuthorizer;
import dev.ssehub.subscriptions.ActiveSubscriptions;
import dev.ssehub.subscriptions.SubscriptionEvents;
import jakarta.enterprise.inject.Vetoed;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The hub as a JAX-RS application: the same object on Grizzly and on any Jakarta EE server. It
 * owns the hub and hands the runtime ready-made resources and providers, so nothing depends on
 * constructor injection, which CDI-managed runtimes do not perform. It is vetoed as a CDI bean:
 * otherwise CDI wraps it in a proxy and an app server builds a second hub.
 */
@Vetoed
@ApplicationPath("/")
public class HubApplication extends Application implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HubApplication.class.getName());
    /** The applications of this class loader that are still open, for {@link HubShutdown}. */
    private static final Set<HubApplication> OPEN = ConcurrentHashMap.newKeySet();

    private final Settings settings;
    private final Hub hub;
    private final DemoPublishers demo;
    private final JaxRsStreams sinks = new JaxRsStreams();
    private final EventStreamEndpoint streams;
    /** Null unless the hub tracks subscriptions. */
    private final SubscriptionEvents subscriptionEvents;
    private final Set<Object> singletons;

    /** Used by app servers: settings come from the environment and system properties. */
    public HubApplication() {
        this(Settings.fromEnvironment());
    }

    public HubApplication(Settings settings) {
        this.settings = settings;
        TokenVerifiers verifiers = TokenVerifiers.from(settings);
        CorsPolicy cors = new CorsPolicy(settings.corsOrigins());
        EventLog log = EventLogs.open(settings);
        ActiveSubscriptions subscriptions = new ActiveSubscriptions(log);
        this.subscriptionEvents = settings.subscriptions() ? new SubscriptionEvents(log, subscriptions) : null;
        this.hub = new Hub(log, settings.heartbeat(), settings.maxSubscribers(), settings.drain(),
                subscriptionEvents == null ? SubscriberObserver.NONE : subscriptionEvents);
        this.demo = settings.demo() ? new DemoPublishers(hub) : null;
        RequestAuthorizer authorizer = new RequestAuthorizer(verifiers.publishers(), verifiers.subscribers(), settings.anonymous(), cors);
        this.streams = new EventStreamEndpoint(hub, authorizer, cors);
        this.singletons = Set.of(
                new MercureResource(hub, authorizer, streams, sinks),
                new SubscriptionsResource(settings.subscriptions() ? Optional.of(subscriptions) : Optional.empty(), authorizer),
                new DemoResource(pageTokenIssuer(settings)),
                new HealthResource(log, hub, verifiers.providers()),
                new MetricsResource(hub.metrics()),
                new FailedPublishCounter(hub.metrics()),
                new CorsFilter(cors),
                new RequestLog(),
                new BodySizeLimit(settings.maxBody()),
                new HeaderSyntaxCheck(),
                new EventStreamHeaders(),
                sinks.writer(),
                new RefusalMapper(),
                new WebApplicationExceptionMapper(),
                new UnexpectedExceptionMapper());
        if (demo != null) {
            demo.start();
        }
        OPEN.add(this);
        LOG.info("event=hub_started " + settings.describe());
    }

    public Settings settings() {
        return settings;
    }

    public Hub hub() {
        return hub;
    }

    /** The subscribe side of the hub endpoint, for the runtime's native stream adapter. */
    public EventStreamEndpoint streams() {
        return streams;
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }

    /** Closes every application still open in this class loader. */
    static void closeAll() {
        for (HubApplication application : Set.copyOf(OPEN)) {
            application.close();
        }
    }

    @Override
    public void close() {
        if (!OPEN.remove(this)) {
            return;
        }
        if (demo != null) {
            demo.close();
        }
        hub.close();
        sinks.close();
        if (subscriptionEvents != null) {
            subscriptionEvents.close();
        }
        LOG.info("event=hub_stopped");
    }

    private static TokenIssuer pageTokenIssuer(Settings settings) {
        return settings.demo() ? settings.publisherSecret().map(TokenIssuer::new).orElse(null) : null;
    }
}
