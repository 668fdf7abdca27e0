package dev.ssehub.servlet;

import dev.ssehub.protocol.AccessLog;
import dev.ssehub.protocol.Refusal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Refuses, with a problem naming the path, a request whose path is no URI path or whose escapes are
 * not UTF-8. Servlet containers pass such a path on as it came; RESTEasy then fails with a 500 and
 * a stack trace while matching it, before any of the hub's code could answer.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public final class RequestPathFilter implements Filter {

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain) throws IOException, ServletException {
        if (servletRequest instanceof HttpServletRequest request && servletResponse instanceof HttpServletResponse response
                && !readable(request.getRequestURI())) {
            long started = System.nanoTime();
            Refusal refusal = Refusal.badRequest("path", "the request path is not a URI path of percent-escaped UTF-8");
            ProblemResponse.send(response, refusal);
            AccessLog.request(request.getMethod(), request.getRequestURI(), refusal.status(), started, false);
            return;
        }
        chain.doFilter(servletRequest, servletResponse);
    }

    static boolean readable(String rawPath) {
        if (rawPath == null) {
            return true;
        }
        try {
            new URI(rawPath);
        } catch (URISyntaxException e) {
            return false;
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c > 0x7e) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= rawPath.length() || !HexFormat.isHexDigit(rawPath.charAt(i + 1)) || !HexFormat.isHexDigit(rawPath.charAt(i + 2))) {
                    return false;
                }
                bytes.put((byte) HexFormat.fromHexDigits(rawPath, i + 1, i + 3));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(bytes.flip());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
