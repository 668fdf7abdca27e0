package dev.ssehub.http;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * An RFC 9457 problem: every error the hub answers is one of these, never a stack trace. The
 * {@code field} member names the request field, parameter or header at fault.
 */
public final class Problem {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    private Problem() {
    }

    public static WebApplicationException badRequest(String field, String detail) {
        return exception(Response.Status.BAD_REQUEST, field, detail);
    }

    public static WebApplicationException unauthorized(String field, String detail) {
        return exception(Response.Status.UNAUTHORIZED, field, detail);
    }

    public static WebApplicationException forbidden(String field, String detail) {
        return exception(Response.Status.FORBIDDEN, field, detail);
    }

    /** 503 with a {@code Retry-After} of whole seconds: the hub cannot serve this now, but will. */
    public static WebApplicationException unavailable(String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new WebApplicationException(detail, response(Response.Status.SERVICE_UNAVAILABLE, null, detail)
                .header("Retry-After", seconds)
                .build());
    }

    public static WebApplicationException exception(Response.StatusType status, String field, String detail) {
        return new WebApplicationException(detail, response(status, field, detail).build());
    }

    /** A response builder with the problem as body, so callers can add headers such as Allow. */
    public static Response.ResponseBuilder response(Response.StatusType status, String field, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(json(status, field, detail));
    }

    /** The problem document alone, for code that answers outside JAX-RS. */
    public static String json(Response.StatusType status, String field, String detail) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", status.getReasonPhrase())
                .add("status", status.getStatusCode())
                .add("detail", detail);
        if (field != null) {
            body.add("field", field);
        }
        return body.build().toString();
    }
}
