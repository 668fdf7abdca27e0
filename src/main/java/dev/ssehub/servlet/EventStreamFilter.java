package dev.ssehub.servlet;

import dev.ssehub.RunningHub;
import dev.ssehub.config.Settings;
import dev.ssehub.protocol.AccessLog;
import dev.ssehub.protocol.OpenStream;
import dev.ssehub.protocol.Refusal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves event streams in a WAR with the servlet container's own non-blocking output, whatever the
 * server's JAX-RS implementation: a {@code GET} on the hub path is answered here, before the
 * JAX-RS servlet sees it; everything else (publishing, the API, the page) goes on to JAX-RS. With
 * {@code SSEHUB_STREAMS=jaxrs} it steps aside and JAX-RS serves the streams too.
 *
 * <p>It carries no {@code @WebFilter}: the WAR maps it in its {@code web.xml}, and an application
 * that embeds the hub has it mapped at {@code SSEHUB_PATH} by {@link EmbeddedHubInitializer}, so a
 * host never gets it twice or at a path it did not choose.
 */
public final class EventStreamFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(EventStreamFilter.class.getName());

    private RunningHub running;

    @Override
    public void init(FilterConfig config) {
        running = RunningHub.shared();
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain) throws IOException, ServletException {
        if (!(servletRequest instanceof HttpServletRequest request) || !(servletResponse instanceof HttpServletResponse response)
                || !"GET".equals(request.getMethod()) || running.settings().streams() != Settings.StreamMode.NATIVE) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        long started = System.nanoTime();
        String path = request.getRequestURI();
        OpenStream stream;
        try {
            stream = running.streams().open(new ServletRequestView(request), new ServletChannel(request, response));
        } catch (Refusal refusal) {
            ProblemResponse.send(response, refusal);
            AccessLog.request("GET", path, refusal.status(), started, false);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "event=unexpected_error error=" + e.getClass().getName(), e);
            ProblemResponse.send(response, Refusal.of(500, null, "the hub failed to serve this request"));
            AccessLog.request("GET", path, 500, started, false);
            return;
        }
        stream.start();
        AccessLog.request("GET", path, HttpServletResponse.SC_OK, started, true);
    }
}
