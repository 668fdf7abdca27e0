package dev.ssehub.http;

import dev.ssehub.auth.Claims;
import dev.ssehub.config.Settings;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.SubscribeRequest;
import dev.ssehub.hub.Subscription;
import dev.ssehub.log.DuplicateIdException;
import dev.ssehub.topic.SelectorSet;
import dev.ssehub.update.Update;
import dev.ssehub.update.UpdateIds;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.logging.Logger;

/** The Mercure hub endpoint: subscribe with GET, publish with POST. */
@Path("/.well-known/mercure")
public final class MercureResource {

    private static final Logger LOG = Logger.getLogger(MercureResource.class.getName());
    private static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    private static final String LAST_EVENT_ID_QUERY = "lastEventID";
    private static final int MAX_ID_LENGTH = 1024;

    private final Hub hub;
    private final RequestAuthorizer authorizer;

    public MercureResource(Hub hub, RequestAuthorizer authorizer) {
        this.hub = hub;
        this.authorizer = authorizer;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context UriInfo uri, @Context HttpHeaders headers, @Context SseEventSink sink, @Context Sse sse) {
        List<String> topics = uri.getQueryParameters().get("topic");
        if (topics == null || topics.isEmpty()) {
            throw Problem.badRequest("topic", "at least one topic selector is required");
        }
        if (topics.size() > Settings.MAX_SELECTORS) {
            throw Problem.badRequest("topic", "at most " + Settings.MAX_SELECTORS + " topic selectors per subscription");
        }
        requireShortTopics(topics);
        Claims claims = authorizer.subscriber(headers, uri);
        String lastEventId = headers.getHeaderString(LAST_EVENT_ID_HEADER);
        String field = LAST_EVENT_ID_HEADER;
        if (lastEventId == null) {
            lastEventId = uri.getQueryParameters().getFirst(LAST_EVENT_ID_QUERY);
            field = LAST_EVENT_ID_QUERY;
        }
        if (lastEventId != null) {
            requireSingleLine(field, lastEventId);
        }
        Subscription subscription = hub.subscribe(new SubscribeRequest(SelectorSet.of(topics), claims, lastEventId, sink, sse));
        EventStreamHeaders.precedingEventId(subscription.precedingEventId().orElse(null));
        subscription.start();
    }

    /** Without this, JAX-RS would run the GET method for HEAD and hold a stream nobody reads. */
    @HEAD
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response head() {
        return Response.ok().type(MediaType.SERVER_SENT_EVENTS_TYPE).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Response publish(MultivaluedMap<String, String> form, @Context HttpHeaders headers, @Context UriInfo uri) {
        Claims claims = authorizer.publisher(headers, uri);
        List<String> topics = form.get("topic");
        if (topics == null || topics.isEmpty()) {
            throw Problem.badRequest("topic", "at least one topic is required");
        }
        if (topics.stream().anyMatch(String::isEmpty)) {
            throw Problem.badRequest("topic", "a topic must not be empty");
        }
        requireShortTopics(topics);
        if (!claims.publish().matchesAll(topics)) {
            throw Problem.forbidden("topic", "the token's mercure.publish claim does not cover every topic");
        }
        String id = form.getFirst("id");
        if (id == null || id.isEmpty()) {
            id = UpdateIds.next();
        } else {
            requireSingleLine("id", id);
            if (id.startsWith("#")) {
                throw Problem.badRequest("id", "an id must not start with '#'");
            }
        }
        String type = emptyToNull(form.getFirst("type"));
        if (type != null) {
            requireSingleLine("type", type);
        }
        Update update = new Update(id, topics, form.getFirst("data"), form.containsKey("private"), type, retry(form.getFirst("retry")));
        try {
            String published = hub.publish(update).update().id();
            LOG.fine(() -> "event=published id=" + published + " topic=" + update.canonicalTopic() + " private=" + update.isPrivate());
            return Response.ok(published, MediaType.TEXT_PLAIN_TYPE).build();
        } catch (DuplicateIdException e) {
            throw Problem.exception(Response.Status.CONFLICT, "id", e.getMessage());
        }
    }

    private static Long retry(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long retry = Long.parseLong(value);
            if (retry < 0) {
                throw Problem.badRequest("retry", "retry must not be negative");
            }
            return retry;
        } catch (NumberFormatException e) {
            throw Problem.badRequest("retry", "retry must be a whole number of milliseconds");
        }
    }

    private static void requireShortTopics(List<String> topics) {
        if (topics.stream().anyMatch(topic -> topic.length() > Settings.MAX_TOPIC_LENGTH)) {
            throw Problem.badRequest("topic", "a topic must be at most " + Settings.MAX_TOPIC_LENGTH + " characters");
        }
    }

    /** CR, LF or NUL would end the SSE field early and let the value inject fields of its own. */
    private static void requireSingleLine(String field, String value) {
        if (value.length() > MAX_ID_LENGTH) {
            throw Problem.badRequest(field, field + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw Problem.badRequest(field, field + " must not contain CR, LF or NUL");
            }
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
