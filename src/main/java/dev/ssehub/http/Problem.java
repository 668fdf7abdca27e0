package dev.ssehub.http;

import dev.ssehub.protocol.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A {@link Refusal} as a JAX-RS response: the problem document, its status and its headers. */
public final class Problem {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    private Problem() {
    }

    public static Response response(Refusal refusal) {
        Response.ResponseBuilder response = Response.status(refusal.status()).type(MEDIA_TYPE).entity(refusal.problemJson());
        refusal.headers().forEach(response::header);
        return response.build();
    }

    /**
     * For code that runs where a runtime maps only its own exceptions, such as an entity stream
     * read by the runtime's body reader.
     */
    public static WebApplicationException exception(Refusal refusal) {
        return new WebApplicationException(refusal.getMessage(), response(refusal));
    }
}
