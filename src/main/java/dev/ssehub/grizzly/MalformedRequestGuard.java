package dev.ssehub.grizzly;

import dev.ssehub.protocol.Refusal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.server.Request;

/**
 * Guards the application against requests that Grizzly and Jersey mishandle before it runs.
 *
 * <p>Jersey's Grizzly container throws when it cannot turn a request into a URI (a malformed
 * percent escape, a character a URI may not hold, a Host that names no host), and Grizzly would
 * answer 500 with the stack trace: this answers 400 instead.
 *
 * <p>Grizzly does not read a body sent with a method that may not have one (TRACE, CONNECT) and
 * would parse it as the next request on the connection: the connection is closed after the answer,
 * and {@link UnframedBodyGuard} keeps what follows from the application.
 */
public final class MalformedRequestGuard extends HttpHandler {

    private final HttpHandler jersey;

    public MalformedRequestGuard(HttpHandler jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, org.glassfish.grizzly.http.server.Response response) throws Exception {
        if (request.getMethod().getPayloadExpectation() == Method.PayloadExpectation.NOT_ALLOWED) {
            response.setHeader(Header.Connection, "close");
        }
        try {
            jersey.service(request, response);
        } catch (IllegalArgumentException e) {
            if (!(e.getCause() instanceof URISyntaxException) || response.isCommitted()) {
                throw e;
            }
            byte[] problem = Refusal.problemJson(400, "uri", "the request target or Host header is not a valid URI")
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(400);
            response.setContentType(Refusal.MEDIA_TYPE);
            response.setContentLength(problem.length);
            response.getOutputStream().write(problem);
        }
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }
}
