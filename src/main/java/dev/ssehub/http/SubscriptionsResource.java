package dev.ssehub.http;

import dev.ssehub.auth.Claims;
import dev.ssehub.protocol.Refusal;
import dev.ssehub.protocol.RequestAuthorizer;
import dev.ssehub.subscriptions.ActiveSubscription;
import dev.ssehub.subscriptions.ActiveSubscriptions;
import dev.ssehub.subscriptions.PathSegments;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;

/**
 * The spec's subscriptions API: {@code /.well-known/mercure/subscriptions}, then optionally a
 * topic selector, then a subscriber id, each one percent-encoded path segment. It answers with
 * this hub's subscribers only; on a shared log the subscription events come from every hub.
 */
@Path(ActiveSubscription.BASE_PATH)
public final class SubscriptionsResource {

    private static final MediaType JSON_LD = new MediaType("application", "ld+json");
    /** The segments of the base path, before the selector and the subscriber. */
    private static final int BASE_SEGMENTS = 3;

    private final Optional<ActiveSubscriptions> subscriptions;
    private final RequestAuthorizer authorizer;

    /** @param subscriptions empty when the hub does not track subscriptions: then every URL here is a 404 */
    public SubscriptionsResource(Optional<ActiveSubscriptions> subscriptions, RequestAuthorizer authorizer) {
        this.subscriptions = subscriptions;
        this.authorizer = authorizer;
    }

    @GET
    public Response all(@Context UriInfo uri, @Context HttpHeaders headers, @Context Request request) {
        return answer(uri, headers, request);
    }

    // Selectors and ids hold encoded slashes, which a runtime may decode before matching: take any rest.
    @GET
    @Path("{selectorAndSubscriber: .+}")
    public Response filtered(@Context UriInfo uri, @Context HttpHeaders headers, @Context Request request) {
        return answer(uri, headers, request);
    }

    private Response answer(UriInfo uri, HttpHeaders headers, Request request) {
        ActiveSubscriptions active = subscriptions.orElseThrow(() -> Refusal.of(404, "path",
                "this hub does not track subscriptions; start it with SSEHUB_SUBSCRIPTIONS=true"));
        List<String> filter = filter(uri);
        String url = uri.getRequestUri().getRawPath();
        Claims claims = authorizer.subscriberWithToken(new JaxRsRequest(uri, headers));
        if (!claims.subscribe().matches(url)) {
            throw Refusal.forbidden("Authorization", "the token's mercure.subscribe claim does not cover " + url);
        }
        ActiveSubscriptions.Snapshot snapshot = active.snapshot();
        EntityTag tag = new EntityTag(snapshot.lastEventId());
        Response.ResponseBuilder response = request.evaluatePreconditions(tag);
        if (response == null) {
            response = Response.ok(document(url, filter, snapshot).toString(), JSON_LD);
        }
        return response.tag(tag)
                .header(HttpHeaders.CACHE_CONTROL, "must-revalidate")
                .header("Link", "<" + uri.getBaseUriBuilder().path(".well-known/mercure").build() + ">; rel=\"mercure\"")
                .build();
    }

    /** The decoded selector, then the subscriber id, as far as the URL gives them. */
    private static List<String> filter(UriInfo uri) {
        List<PathSegment> segments = uri.getPathSegments(false);
        List<PathSegment> rest = segments.subList(Math.min(BASE_SEGMENTS, segments.size()), segments.size());
        if (rest.size() > 2 || rest.stream().anyMatch(segment -> segment.getPath().isEmpty())) {
            throw Refusal.of(404, "path",
                    "expected " + ActiveSubscription.BASE_PATH + "[/{topic}[/{subscriber}]], each part percent-encoded");
        }
        try {
            return rest.stream().map(segment -> PathSegments.decode(segment.getPath())).toList();
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest("path", "a path segment holds a malformed percent-encoding");
        }
    }

    private static JsonObject document(String url, List<String> filter, ActiveSubscriptions.Snapshot snapshot) {
        List<ActiveSubscription> matching = snapshot.subscriptions().stream()
                .filter(subscription -> filter.isEmpty() || subscription.selector().equals(filter.get(0)))
                .filter(subscription -> filter.size() < 2 || subscription.subscriber().equals(filter.get(1)))
                .toList();
        if (filter.size() == 2) {
            if (matching.isEmpty()) {
                throw Refusal.of(404, "subscriber", "no active subscription of this subscriber to this selector");
            }
            return matching.get(0).document(true).add("lastEventID", snapshot.lastEventId()).build();
        }
        JsonArrayBuilder members = Json.createArrayBuilder();
        matching.forEach(subscription -> members.add(subscription.member()));
        return Json.createObjectBuilder()
                .add("@context", ActiveSubscription.CONTEXT)
                .add("id", url)
                .add("type", "Subscriptions")
                .add("lastEventID", snapshot.lastEventId())
                .add("subscriptions", members)
                .build();
    }
}
