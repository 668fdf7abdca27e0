package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawEventStream;
import dev.ssehub.testing.RawHttpConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request's body can never pass for the next request on the connection, whatever the method. */
class RequestBodyFramingTest extends HubTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "DELETE"})
    void theBodyOfAnyMethodIsSkippedByItsLength(String method) throws Exception {
        String smuggled = "GET /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String first = method + " /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled;
        String second = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
        try (RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), Duration.ofSeconds(5))) {
            RawHttpConnection.Answer toFirst = connection.exchange(first.getBytes(StandardCharsets.US_ASCII), method.equals("HEAD"));
            assertThat(toFirst.status()).isIn(200, 405);
            RawHttpConnection.Answer toSecond = connection.exchange(second.getBytes(StandardCharsets.US_ASCII), false);
            assertThat(toSecond.status()).isEqualTo(200);
            assertThat(toSecond.bodyText()).contains("\"status\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT"})
    void aRequestInsideABodyWhereNoneMayBeIsNeverServed(String method) throws Exception {
        String smuggled = "POST /" + HUB_PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + publisherToken()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 22\r\n\r\ntopic=smuggled&data=in";
        String request = method + " / HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled;
        try (RawEventStream subscriber = RawEventStream.open(URI.create(hubUri() + "?topic=smuggled")).connected();
             RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), Duration.ofSeconds(5))) {
            RawHttpConnection.Answer answer = connection.exchange(request.getBytes(StandardCharsets.US_ASCII), false);
            assertThat(answer.status()).isEqualTo(405);
            assertThat(answer.header("Connection")).isEqualTo("close");
            publishOk("smuggled", "after");
            assertThat(subscriber.nextUpdate(Duration.ofSeconds(5)).data()).isEqualTo("after");
        }
    }
}
