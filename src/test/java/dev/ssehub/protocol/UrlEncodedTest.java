package dev.ssehub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlEncodedTest {

    @Test
    void decodesRepeatedFieldsInOrderWithEscapesAndPlusAsSpace() {
        Map<String, List<String>> form = UrlEncoded.decode(
                "topic=https%3A%2F%2Fexample.com%2Fbooks%2F1&topic=alt&data=a+b%26c%3Dd%0A%F0%9F%9A%80&private", "body");
        assertThat(form.get("topic")).containsExactly("https://example.com/books/1", "alt");
        assertThat(form.get("data")).containsExactly("a b&c=d\n🚀");
        assertThat(form.get("private")).containsExactly("");
        assertThat(form).doesNotContainKey("id");
    }

    @Test
    void emptyPairsAndAnEmptyOrAbsentTextHoldNothing() {
        assertThat(UrlEncoded.decode("", "body")).isEmpty();
        assertThat(UrlEncoded.decode(null, "query")).isEmpty();
        Map<String, List<String>> form = UrlEncoded.decode("&&topic=t&&data=&", "body");
        assertThat(form.get("topic")).containsExactly("t");
        assertThat(form.get("data")).containsExactly("");
        assertThat(UrlEncoded.decode("=x", "body").get("")).containsExactly("x");
    }

    @Test
    void aMalformedEscapeIsABadRequestNamingTheFieldItWasIn() {
        for (String raw : List.of("data=%", "data=%4", "data=%zz", "%g0=x")) {
            assertThatThrownBy(() -> UrlEncoded.decode(raw, "body")).as(raw).isInstanceOfSatisfying(Refusal.class, refusal -> {
                assertThat(refusal.status()).isEqualTo(400);
                assertThat(refusal.field()).isEqualTo("body");
            });
        }
        assertThatThrownBy(() -> UrlEncoded.decode("authorization=%zz", "query"))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.field()).isEqualTo("query"));
    }
}
