package dev.ssehub.servlet;

import dev.ssehub.protocol.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes a {@link Refusal} as the servlet response: its status, headers and problem document. */
final class ProblemResponse {

    private ProblemResponse() {
    }

    static void send(HttpServletResponse response, Refusal refusal) throws IOException {
        byte[] body = refusal.problemJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(refusal.status());
        refusal.headers().forEach(response::setHeader);
        response.setContentType(Refusal.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
