package dev.ssehub.http;

import dev.ssehub.protocol.Refusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a refusal the hub decided with its problem document. */
@Provider
public final class RefusalMapper implements ExceptionMapper<Refusal> {

    @Override
    public Response toResponse(Refusal refusal) {
        return Problem.response(refusal);
    }
}
