package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawHttpConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests Jersey cannot turn into a URI are a 400 problem, not Grizzly's 500 page with a stack trace. */
class MalformedUriTest extends HubTest {

    static Stream<Arguments> unparsableRequests() {
        return Stream.of(
                Arguments.of("query", "GET /.well-known/mercure?topic=%ZZ HTTP/1.1\r\nHost: localhost\r\n"),
                Arguments.of("query", "GET /.well-known/mercure?topic=a% HTTP/1.1\r\nHost: localhost\r\n"),
                Arguments.of("uri", "GET /a%G1 HTTP/1.1\r\nHost: localhost\r\n"),
                Arguments.of("uri", "GET /a|b^c HTTP/1.1\r\nHost: localhost\r\n"),
                Arguments.of("uri", "GET /healthz HTTP/1.1\r\nHost: a b\r\n"),
                Arguments.of("uri", "GET /healthz HTTP/1.1\r\nHost: [zz\r\n"));
    }

    @ParameterizedTest
    @MethodSource("unparsableRequests")
    void anUnparsableRequestIsABadRequestProblemNamingWhatIsWrong(String field, String head) throws Exception {
        try (RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), Duration.ofSeconds(5))) {
            RawHttpConnection.Answer answer = connection.exchange((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), false);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(answer.bodyText()).contains("\"field\":\"" + field + "\"").doesNotContain("Exception");
        }
    }
}
