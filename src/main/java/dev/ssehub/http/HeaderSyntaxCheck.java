package dev.ssehub.http;

import dev.ssehub.protocol.Refusal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/**
 * Refuses a request whose Content-Type or Accept cannot be parsed, or names a charset this JVM
 * lacks, with a problem naming the header. Left to the runtime, the first answers an empty 400 and
 * the second fails while the form is read, which would be a 500.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class HeaderSyntaxCheck implements ContainerRequestFilter {

    private static final String CONTENT_TYPE = "Content-Type";
    private static final String ACCEPT = "Accept";

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType contentType;
        try {
            contentType = request.getMediaType();
        } catch (RuntimeException e) {
            throw Refusal.badRequest(CONTENT_TYPE, "Content-Type is not a media type");
        }
        try {
            request.getAcceptableMediaTypes();
        } catch (RuntimeException e) {
            throw Refusal.badRequest(ACCEPT, "Accept is not a list of media ranges");
        }
        String charset = contentType == null ? null : contentType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isSupported(charset)) {
            throw Refusal.of(415, CONTENT_TYPE, "the charset of Content-Type is not supported; use UTF-8");
        }
    }

    private static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
