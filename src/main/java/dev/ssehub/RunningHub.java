package dev.ssehub;

import dev.ssehub.auth.TokenIssuer;
import dev.ssehub.auth.TokenVerifiers;
import dev.ssehub.config.Settings;
import dev.ssehub.demo.DemoPublishers;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.SubscriberObserver;
import dev.ssehub.jaxrs.JaxRsStreams;
import dev.ssehub.log.EventLog;
import dev.ssehub.log.EventLogs;
import dev.ssehub.protocol.CorsPolicy;
import dev.ssehub.protocol.EventStreamEndpoint;
import dev.ssehub.protocol.RequestAuthorizer;
import dev.ssehub.subscriptions.ActiveSubscriptions;
import dev.ssehub.subscriptions.SubscriptionEvents;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One hub at work, with everything it serves with: its settings, event log, dispatcher, demo,
 * subscription events, the rules requests are held to and the stream endpoint. The JAX-RS
 * application and a runtime's stream adapter serve the same one; it is closed once, with all of it.
 *
 * <p>On an app server the JAX-RS runtime and the servlet container each make their part of the
 * application on their own schedule: both take the {@linkplain #shared() shared} hub of the class
 * loader, whichever asks first makes it.
 */
public final class RunningHub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunningHub.class.getName());
    /** The hubs of this class loader that are still open, for {@link HubShutdown}. */
    private static final Set<RunningHub> OPEN = ConcurrentHashMap.newKeySet();
    private static RunningHub shared;

    private final Settings settings;
    private final EventLog log;
    private final Hub hub;
    private final TokenVerifiers verifiers;
    private final CorsPolicy cors;
    private final RequestAuthorizer authorizer;
    private final EventStreamEndpoint streams;
    private final JaxRsStreams sinks = new JaxRsStreams();
    private final ActiveSubscriptions subscriptions;
    /** Null unless the hub tracks subscriptions. */
    private final SubscriptionEvents subscriptionEvents;
    /** Null unless the demo is on. */
    private final DemoPublishers demo;

    public RunningHub(Settings settings) {
        this.settings = settings;
        this.verifiers = TokenVerifiers.from(settings);
        this.cors = new CorsPolicy(settings.corsOrigins());
        this.log = EventLogs.open(settings);
        this.subscriptions = new ActiveSubscriptions(log);
        this.subscriptionEvents = settings.subscriptions() ? new SubscriptionEvents(log, subscriptions) : null;
        this.hub = new Hub(log, settings.heartbeat(), settings.maxSubscribers(), settings.drain(),
                subscriptionEvents == null ? SubscriberObserver.NONE : subscriptionEvents);
        this.authorizer = new RequestAuthorizer(verifiers.publishers(), verifiers.subscribers(), settings.anonymous(), cors);
        this.streams = new EventStreamEndpoint(hub, authorizer, cors);
        this.demo = settings.demo() ? new DemoPublishers(hub) : null;
        if (demo != null) {
            demo.start();
        }
        OPEN.add(this);
        LOG.info("event=hub_started " + settings.describe());
    }

    /** The hub of this class loader on an app server, with settings from its environment and system properties. */
    public static synchronized RunningHub shared() {
        if (shared == null || !OPEN.contains(shared)) {
            shared = new RunningHub(Settings.fromEnvironment());
        }
        return shared;
    }

    public Settings settings() {
        return settings;
    }

    public EventLog log() {
        return log;
    }

    public Hub hub() {
        return hub;
    }

    public TokenVerifiers verifiers() {
        return verifiers;
    }

    public CorsPolicy cors() {
        return cors;
    }

    public RequestAuthorizer authorizer() {
        return authorizer;
    }

    /** The subscribe side of the hub endpoint, for every stream adapter. */
    public EventStreamEndpoint streams() {
        return streams;
    }

    /** The portable stream adapter, on the JAX-RS SSE API. */
    public JaxRsStreams sinks() {
        return sinks;
    }

    /** The active subscriptions, when the hub tracks them. */
    public Optional<ActiveSubscriptions> subscriptions() {
        return settings.subscriptions() ? Optional.of(subscriptions) : Optional.empty();
    }

    /** What mints the demo page's tokens: only with the demo on and a secret to sign with. */
    public Optional<TokenIssuer> demoTokens() {
        return settings.demo() ? settings.publisherSecret().map(TokenIssuer::new) : Optional.empty();
    }

    /** Closes every hub still open in this class loader. */
    static void closeAll() {
        for (RunningHub running : Set.copyOf(OPEN)) {
            running.close();
        }
    }

    /** Drains the hub (see {@link Hub#close()}), then stops what served it. */
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
}
