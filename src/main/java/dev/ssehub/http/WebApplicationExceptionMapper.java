package dev.ssehub.http;

import dev.ssehub.protocol.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the runtime's own errors (unknown path, wrong method, wrong media type, unreadable body)
 * a problem body; problems the hub raised itself pass through unchanged.
 */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (Problem.MEDIA_TYPE.isCompatible(original.getMediaType())) {
            return original;
        }
        int status = original.getStatus();
        Response.ResponseBuilder problem = Response.fromResponse(Problem.response(Refusal.of(status, fieldFor(status), detailFor(status))));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }

    private static String fieldFor(int status) {
        return switch (status) {
            case 405 -> "method";
            case 406 -> "Accept";
            case 413 -> "body";
            case 415 -> "Content-Type";
            case 404 -> "path";
            default -> null;
        };
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed here";
            case 406 -> "the hub cannot produce the accepted media type";
            case 413 -> "the request body is too large";
            case 415 -> "this content type is not supported; publish with application/x-www-form-urlencoded";
            default -> "the request could not be served";
        };
    }
}
