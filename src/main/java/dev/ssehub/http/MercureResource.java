package dev.ssehub.http;

import dev.ssehub.auth.Claims;
import dev.ssehub.hub.Hub;
import dev.ssehub.jaxrs.JaxRsStreams;
import dev.ssehub.log.DuplicateIdException;
import dev.ssehub.protocol.EventStreamEndpoint;
import dev.ssehub.protocol.PublishedUpdate;
import dev.ssehub.protocol.Refusal;
import dev.ssehub.protocol.RequestAuthorizer;
import dev.ssehub.protocol.UrlEncoded;
import dev.ssehub.update.Update;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The Mercure hub endpoint: publish with POST; subscribe with GET, here through the JAX-RS SSE API
 * when no native stream adapter of the runtime takes the request first.
 */
@Path("/.well-known/mercure")
public final class MercureResource {

    private static final Logger LOG = Logger.getLogger(MercureResource.class.getName());

    private final Hub hub;
    private final RequestAuthorizer authorizer;
    private final EventStreamEndpoint streams;
    private final JaxRsStreams sinks;
    /** The runtime's proxy to the request being served; read only for a cookie token's origin check. */
    @Context
    private UriInfo uri;

    public MercureResource(Hub hub, RequestAuthorizer authorizer, EventStreamEndpoint streams, JaxRsStreams sinks) {
        this.hub = hub;
        this.authorizer = authorizer;
        this.streams = streams;
        this.sinks = sinks;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context UriInfo uri, @Context HttpHeaders headers, @Context SseEventSink sink) {
        streams.open(new JaxRsRequest(uri, headers), sinks.channel(sink)).start();
    }

    /** Without this, JAX-RS would run the GET method for HEAD and hold a stream nobody reads. */
    @HEAD
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Response head() {
        return Response.ok().type(MediaType.SERVER_SENT_EVENTS_TYPE).build();
    }

    /**
     * The request arrives as the parameters it needs, each read straight from the request: a
     * parameter of type {@code HttpHeaders} or {@code UriInfo} costs a lookup in the runtime's
     * injection container on every request. The form is read with the hub's own decoder rather than
     * the runtime's form reader, which costs more than the decoding and, on RESTEasy, throws on a
     * malformed escape, which would answer 500 where Jersey answers 400.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public Response publish(String body,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) List<String> authorization,
                            @QueryParam(RequestAuthorizer.QUERY_PARAMETER) List<String> queryToken,
                            @CookieParam(RequestAuthorizer.COOKIE) String cookieToken,
                            @HeaderParam(PublishRequestView.ORIGIN) String origin,
                            @HeaderParam(PublishRequestView.REFERER) String referer) {
        Claims claims = authorizer.publisher(new PublishRequestView(authorization, queryToken, cookieToken, origin, referer, uri));
        Map<String, List<String>> form = UrlEncoded.decode(body, "body");
        List<String> topics = form.getOrDefault("topic", List.of());
        Update update = PublishedUpdate.of(topics, first(form, "id"), first(form, "data"), form.containsKey("private"),
                first(form, "type"), retry(first(form, "retry")));
        if (!claims.publish().matchesAll(update.topics())) {
            throw Refusal.forbidden("topic", "the token's mercure.publish claim does not cover every topic");
        }
        try {
            String published = hub.publish(update).update().id();
            LOG.fine(() -> "event=published id=" + published + " topic=" + update.canonicalTopic() + " private=" + update.isPrivate());
            return Response.ok(published, MediaType.TEXT_PLAIN_TYPE).build();
        } catch (DuplicateIdException e) {
            throw Refusal.of(409, "id", e.getMessage());
        }
    }

    private static Long retry(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Refusal.badRequest("retry", "retry must be a whole number of milliseconds");
        }
    }

    private static String first(Map<String, List<String>> form, String field) {
        List<String> values = form.get(field);
        return values == null ? null : values.get(0);
    }
}
