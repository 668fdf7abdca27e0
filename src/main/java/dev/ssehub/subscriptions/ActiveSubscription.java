package dev.ssehub.subscriptions;

import dev.ssehub.auth.Claims;
import dev.ssehub.topic.SelectorSet;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One subscription as the spec defines it: one topic selector of one subscriber, with the
 * {@code mercure.payload} of the subscriber's token, and its JSON-LD form.
 *
 * @param selector   the topic selector
 * @param subscriber the subscriber's id
 * @param payload    the token's {@code mercure.payload}, when it has one
 */
public record ActiveSubscription(String selector, String subscriber, Optional<JsonValue> payload) {

    /** Where the subscriptions live: the API's base path and the prefix of every subscription's id. */
    public static final String BASE_PATH = "/.well-known/mercure/subscriptions";
    /** The JSON-LD context of every document the subscriptions API and events give. */
    public static final String CONTEXT = "https://mercure.rocks/";

    /** The subscriptions of one subscriber: one per selector. */
    static List<ActiveSubscription> of(String subscriber, SelectorSet selectors, Claims claims) {
        Optional<JsonValue> payload = json(claims.payload());
        return selectors.texts().stream().map(selector -> new ActiveSubscription(selector, subscriber, payload)).toList();
    }

    /**
     * Its IRI, relative to the hub, and the topic of its subscription events: the spec's
     * {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}} with both values encoded.
     */
    public String id() {
        return BASE_PATH + "/" + PathSegments.encode(selector) + "/" + PathSegments.encode(subscriber);
    }

    /** The stand-alone document: a subscription event, or the API's answer for one subscription. */
    public JsonObjectBuilder document(boolean active) {
        return members(Json.createObjectBuilder().add("@context", CONTEXT), active);
    }

    /** The document inside a collection, whose own {@code @context} applies to it. */
    public JsonObjectBuilder member() {
        return members(Json.createObjectBuilder(), true);
    }

    private JsonObjectBuilder members(JsonObjectBuilder json, boolean active) {
        json.add("id", id())
                .add("type", "Subscription")
                .add("topic", selector)
                .add("subscriber", subscriber)
                .add("active", active);
        payload.ifPresent(value -> json.add("payload", value));
        return json;
    }

    /** The token library hands the claim over as maps, lists and scalars; JSON-P converts those inside an object. */
    private static Optional<JsonValue> json(Object claim) {
        if (claim == null) {
            return Optional.empty();
        }
        return Optional.of(Json.createObjectBuilder(Collections.singletonMap("payload", claim)).build().get("payload"));
    }
}
