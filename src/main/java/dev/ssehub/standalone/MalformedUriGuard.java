package dev.ssehub.standalone;

import dev.ssehub.http.Problem;
import jakarta.ws.rs.core.Response;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;

/**
 * Answers 400 when Jersey cannot turn a request into a URI: a malformed percent escape, a
 * character a URI may not hold, or a Host that names no host. Jersey's Grizzly container throws
 * before the application sees such a request, and Grizzly would answer 500 with its stack trace.
 */
final class MalformedUriGuard extends HttpHandler {

    private final HttpHandler jersey;

    MalformedUriGuard(HttpHandler jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, org.glassfish.grizzly.http.server.Response response) throws Exception {
        try {
            jersey.service(request, response);
        } catch (IllegalArgumentException e) {
            if (!(e.getCause() instanceof URISyntaxException) || response.isCommitted()) {
                throw e;
            }
            byte[] problem = Problem.json(Response.Status.BAD_REQUEST, "uri", "the request target or Host header is not a valid URI")
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(Response.Status.BAD_REQUEST.getStatusCode());
            response.setContentType(Problem.MEDIA_TYPE.toString());
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
