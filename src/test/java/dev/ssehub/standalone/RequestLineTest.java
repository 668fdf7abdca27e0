package dev.ssehub.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawHttpConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A malformed request line is answered at once, well within Grizzly's 30 s idle timeout: 400 when
 * it breaks RFC 9112's grammar, 505 when only its major version is not 1 (RFC 9110), each a problem
 * naming the request line, and the connection is closed.
 */
class RequestLineTest extends HubTest {

    /** Far below the idle timeout, so an answer proves the hub did not wait for more bytes. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final String HEADERS = "Host: localhost\r\n\r\n";

    @ParameterizedTest
    @ValueSource(strings = {
            "GARBAGE\r\n\r\n",
            "GET\r\n\r\n",
            "GET /healthz\r\n" + HEADERS,
            "GET /healthz HTTP/1.1 junk\r\n" + HEADERS,
            "GET /healthz HTTP/1.1 \r\n" + HEADERS,
            "GET /healthz HTTP/1.1x\r\n" + HEADERS,
            "GET /healthz HTTP/11\r\n" + HEADERS,
            "GET /healthz http/1.1\r\n" + HEADERS,
            "GET /healthz HTTP/1.1\rX\r\n" + HEADERS,
            "GET /a\rb HTTP/1.1\r\n" + HEADERS,
            " GET /healthz HTTP/1.1\r\n" + HEADERS,
            "\r\n",
    })
    void aLineOutsideTheGrammarIsABadRequestProblem(String request) throws Exception {
        RawHttpConnection.Answer answer = sendAlone(request);
        assertRefused(answer, 400, "Bad Request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/9.9", "HTTP/2.0", "HTTP/0.9"})
    void anotherMajorVersionIsNotSupported(String version) throws Exception {
        RawHttpConnection.Answer answer = sendAlone("GET /healthz " + version + "\r\n" + HEADERS);
        assertRefused(answer, 505, "HTTP Version Not Supported");
    }

    @Test
    void aLaterHttp1MinorVersionIsServedAsHttp11() throws Exception {
        RawHttpConnection.Answer answer = sendAlone("GET /healthz HTTP/1.2\r\n" + HEADERS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).contains("\"status\"");
    }

    @Test
    void aMalformedLinePipelinedBehindAGoodRequestIsAnsweredInTurn() throws Exception {
        try (RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), PROMPTLY)) {
            connection.send(("GET /healthz HTTP/1.1\r\n" + HEADERS + "GARBAGE\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(connection.answer(false).status()).isEqualTo(200);
            assertRefused(connection.answer(false), 400, "Bad Request");
        }
    }

    @Test
    void aMalformedLineArrivingInPiecesIsAnsweredOnceItsEndArrives() throws Exception {
        try (RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), PROMPTLY)) {
            connection.send("GARB".getBytes(StandardCharsets.ISO_8859_1));
            // Gives the first piece time to be read on its own, so that the line is judged across two reads.
            Thread.sleep(200);
            assertRefused(connection.exchange("AGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false), 400, "Bad Request");
        }
    }

    @Test
    void aGoodLineArrivingInPiecesIsServed() throws Exception {
        try (RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), PROMPTLY)) {
            connection.send("GET /heal".getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(200);
            connection.send("thz HTT".getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(200);
            RawHttpConnection.Answer answer = connection.exchange(("P/1.1\r\n" + HEADERS).getBytes(StandardCharsets.ISO_8859_1), false);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.bodyText()).contains("\"status\"");
        }
    }

    @Test
    void aGoodRequestAfterAnotherOnTheSameConnectionIsServed() throws Exception {
        try (RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), PROMPTLY)) {
            for (int i = 0; i < 3; i++) {
                RawHttpConnection.Answer answer = connection.exchange(("GET /healthz HTTP/1.1\r\n" + HEADERS).getBytes(StandardCharsets.ISO_8859_1), false);
                assertThat(answer.status()).isEqualTo(200);
            }
        }
    }

    private RawHttpConnection.Answer sendAlone(String request) throws Exception {
        try (RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), PROMPTLY)) {
            return connection.exchange(request.getBytes(StandardCharsets.ISO_8859_1), false);
        }
    }

    private static void assertRefused(RawHttpConnection.Answer answer, int status, String title) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.bodyText()).contains("\"title\":\"" + title + "\"", "\"field\":\"request-line\"");
    }
}
