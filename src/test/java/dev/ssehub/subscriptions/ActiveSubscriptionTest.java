package dev.ssehub.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssehub.topic.TopicSelector;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ActiveSubscriptionTest {

    @Test
    void itsIdIsTheSpecsTemplateExpandedWithEncodedValues() {
        ActiveSubscription subscription = new ActiveSubscription("https://example.com/{selector}", "urn:uuid:bb3de268-05b0-4c65-b44e-8f9acefc29d6", Optional.empty());
        assertThat(subscription.id()).isEqualTo(
                "/.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2F%7Bselector%7D/urn%3Auuid%3Abb3de268-05b0-4c65-b44e-8f9acefc29d6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://example.com/books/{id}", "a b+c~d", "ünï/cødé?x=1&y=2#f", "%41"})
    void everySelectorFitsOneSegmentThatTemplatesMatchAndThatDecodesBack(String selector) {
        ActiveSubscription subscription = new ActiveSubscription(selector, "urn:uuid:1", Optional.empty());
        String encoded = PathSegments.encode(selector);
        assertThat(encoded).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})+");
        assertThat(PathSegments.decode(encoded)).isEqualTo(selector);
        assertThat(TopicSelector.of("/.well-known/mercure/subscriptions/{topic}/{subscriber}").matches(subscription.id())).isTrue();
        assertThat(TopicSelector.of("/.well-known/mercure/subscriptions{/topic}{/subscriber}").matches(subscription.id())).isTrue();
    }

    @Test
    void aMalformedEscapeIsRefused() {
        assertThatThrownBy(() -> PathSegments.decode("%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsDocumentHasTheSpecsMembers() {
        JsonObject payload = Json.createObjectBuilder().add("user", "u1").build();
        ActiveSubscription subscription = new ActiveSubscription("t", "urn:uuid:1", Optional.of(payload));
        JsonObject ended = subscription.document(false).build();
        assertThat(ended.getString("@context")).isEqualTo("https://mercure.rocks/");
        assertThat(ended.getString("id")).isEqualTo(subscription.id());
        assertThat(ended.getString("type")).isEqualTo("Subscription");
        assertThat(ended.getString("topic")).isEqualTo("t");
        assertThat(ended.getString("subscriber")).isEqualTo("urn:uuid:1");
        assertThat(ended.getBoolean("active")).isFalse();
        assertThat(ended.getJsonObject("payload")).isEqualTo(payload);
        JsonObject member = subscription.member().build();
        assertThat(member.containsKey("@context")).isFalse();
        assertThat(member.getBoolean("active")).isTrue();
    }
}
