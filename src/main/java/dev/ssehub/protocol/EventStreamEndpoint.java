package dev.ssehub.protocol;

import dev.ssehub.auth.Claims;
import dev.ssehub.config.Settings;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.SubscribeRequest;
import dev.ssehub.hub.Subscription;
import dev.ssehub.stream.StreamChannel;
import dev.ssehub.stream.StreamHead;
import dev.ssehub.topic.SelectorSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscribe side of the hub endpoint, for every runtime: what a {@code GET} on
 * {@code /.well-known/mercure} must carry, who may read what, where a resuming client resumes, and
 * which headers its stream gets. Adapters call it and move bytes; nothing here knows a runtime.
 */
public final class EventStreamEndpoint {

    public static final String PATH = "/.well-known/mercure";
    public static final String MEDIA_TYPE = "text/event-stream";
    private static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    private static final String LAST_EVENT_ID_QUERY = "lastEventID";

    private final Hub hub;
    private final RequestAuthorizer authorizer;
    private final CorsPolicy cors;

    public EventStreamEndpoint(Hub hub, RequestAuthorizer authorizer, CorsPolicy cors) {
        this.hub = hub;
        this.authorizer = authorizer;
        this.cors = cors;
    }

    /**
     * Checks the request and gives the subscriber its place in the order; the stream then waits for
     * {@link OpenStream#start()}.
     *
     * @throws Refusal for a request the hub does not serve, now or ever
     */
    public OpenStream open(RequestView request, StreamChannel channel) {
        try {
            return accept(request, channel);
        } catch (Refusal refusal) {
            // A page may read why it was refused only if its origin may read the hub's answers.
            cors.responseHeaders(request.header("Origin")).forEach(refusal::header);
            throw refusal;
        }
    }

    private OpenStream accept(RequestView request, StreamChannel channel) {
        if (!AcceptHeader.admits(request.headers("Accept"), "text", "event-stream")) {
            throw Refusal.of(406, "Accept", "the hub answers a subscription with " + MEDIA_TYPE);
        }
        List<String> topics = request.queryParameters("topic");
        if (topics.isEmpty()) {
            throw Refusal.badRequest("topic", "at least one topic selector is required");
        }
        if (topics.size() > Settings.MAX_SELECTORS) {
            throw Refusal.badRequest("topic", "at most " + Settings.MAX_SELECTORS + " topic selectors per subscription");
        }
        RequestChecks.requireShortTopics(topics);
        Claims claims = authorizer.subscriber(request);
        String lastEventId = request.header(LAST_EVENT_ID_HEADER);
        String field = LAST_EVENT_ID_HEADER;
        if (lastEventId == null) {
            List<String> fromQuery = request.queryParameters(LAST_EVENT_ID_QUERY);
            lastEventId = fromQuery.isEmpty() ? null : fromQuery.get(0);
            field = LAST_EVENT_ID_QUERY;
        }
        if (lastEventId != null) {
            RequestChecks.requireSingleLine(field, lastEventId);
        }
        Subscription subscription;
        try {
            subscription = hub.subscribe(new SubscribeRequest(SelectorSet.of(topics), claims, lastEventId), channel);
        } catch (RuntimeException e) {
            throw Refusal.forUnavailable(e).orElseThrow(() -> e);
        }
        return new OpenStream(subscription, head(subscription, request.header("Origin")));
    }

    private StreamHead head(Subscription subscription, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", MEDIA_TYPE);
        headers.put("Cache-Control", "no-cache, no-store, must-revalidate");
        headers.put("X-Accel-Buffering", "no");
        subscription.precedingEventId().ifPresent(id -> headers.put(LAST_EVENT_ID_HEADER, id));
        headers.putAll(cors.responseHeaders(origin));
        return new StreamHead(headers);
    }
}
