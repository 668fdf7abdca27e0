package dev.ssehub.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptHeaderTest {

    @Test
    void admitsTheEventStreamByNameByWildcardAndWithoutHeader() {
        assertThat(admits()).isTrue();
        assertThat(admits("text/event-stream")).isTrue();
        assertThat(admits("Text/Event-Stream")).isTrue();
        assertThat(admits("text/*")).isTrue();
        assertThat(admits("*/*")).isTrue();
        assertThat(admits("application/json, text/event-stream;q=0.5")).isTrue();
        assertThat(admits("application/json", "text/event-stream; charset=\"utf-8\"")).isTrue();
        assertThat(admits("text/event-stream, ")).isTrue();
    }

    @Test
    void refusesWhatTheClientWillNotTake() {
        assertThat(admits("application/json")).isFalse();
        assertThat(admits("text/event-stream;q=0")).isFalse();
        assertThat(admits("text/html, application/*")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/event-stream;q=x", "\u0001;;", "a/b/c", "*/json", "text/event-stream;q=1.5", ";", "text/", "text/event-stream;=1"})
    void aHeaderThatIsNotAListOfMediaRangesIsABadRequestNamingIt(String header) {
        assertThatThrownBy(() -> admits(header)).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.field()).isEqualTo("Accept");
        });
    }

    private static boolean admits(String... headers) {
        return AcceptHeader.admits(List.of(headers), "text", "event-stream");
    }
}
