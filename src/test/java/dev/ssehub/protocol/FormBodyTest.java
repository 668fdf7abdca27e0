package dev.ssehub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void decodesRepeatedFieldsInOrderWithEscapesAndPlusAsSpace() {
        FormBody form = decode("topic=https%3A%2F%2Fexample.com%2Fbooks%2F1&topic=alt&data=a+b%26c%3Dd%0A%F0%9F%9A%80&private");
        assertThat(form.all("topic")).containsExactly("https://example.com/books/1", "alt");
        assertThat(form.first("data")).isEqualTo("a b&c=d\n🚀");
        assertThat(form.has("private")).isTrue();
        assertThat(form.first("private")).isEmpty();
        assertThat(form.first("id")).isNull();
        assertThat(form.all("id")).isEmpty();
    }

    @Test
    void emptyPairsAndAnEmptyBodyHoldNothing() {
        assertThat(decode("").has("topic")).isFalse();
        FormBody form = decode("&&topic=t&&data=&");
        assertThat(form.all("topic")).containsExactly("t");
        assertThat(form.first("data")).isEmpty();
        assertThat(decode("=x").all("")).isEqualTo(List.of("x"));
    }

    @Test
    void readsTheCharsetItIsGiven() {
        FormBody form = FormBody.decode("data=%E9t%E9".getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        assertThat(form.first("data")).isEqualTo("été");
    }

    @Test
    void aMalformedEscapeIsABadRequestNamingTheBody() {
        for (String body : List.of("data=%", "data=%4", "data=%zz", "%g0=x")) {
            assertThatThrownBy(() -> decode(body)).as(body).isInstanceOfSatisfying(Refusal.class, refusal -> {
                assertThat(refusal.status()).isEqualTo(400);
                assertThat(refusal.field()).isEqualTo("body");
            });
        }
    }

    private static FormBody decode(String body) {
        return FormBody.decode(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
