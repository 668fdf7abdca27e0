package dev.ssehub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.testing.HubTest;
import dev.ssehub.testing.RawHttpConnection;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderSyntaxTest extends HubTest {

    @ParameterizedTest(name = "Content-Type: {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            ";;;                                              | 400",
            "application/x-www-form-urlencoded; charset=bogus | 415",
            "application/x-www-form-urlencoded; charset=\"\"  | 415",
            "application/x-www-form-urlencoded; charset=a b   | 400",
    })
    void anUnreadableContentTypeIsAProblemNamingIt(String contentType, int status) throws Exception {
        // Written by hand: the JAX-RS client refuses to send such a Content-Type.
        String body = "topic=a&data=b";
        String request = "POST /" + HUB_PATH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + publisherToken() + "\r\nContent-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        try (RawHttpConnection connection = RawHttpConnection.open(getBaseUri(), Duration.ofSeconds(5))) {
            RawHttpConnection.Answer answer = connection.exchange(request.getBytes(StandardCharsets.ISO_8859_1), false);
            assertThat(answer.status()).isEqualTo(status);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(answer.bodyText()).contains("\"field\":\"Content-Type\"");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"text/event-stream;q=x", "\u0001;;", "a/b/c"})
    void anUnreadableAcceptIsAProblemNamingIt(String accept) {
        try (Response response = target(HUB_PATH).queryParam("topic", "a").request().header("Accept", accept).get()) {
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
            assertThat(response.readEntity(String.class)).contains("\"field\":\"Accept\"");
        }
    }
}
