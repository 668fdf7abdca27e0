package dev.ssehub.grizzly;

import dev.ssehub.protocol.AccessLog;
import dev.ssehub.protocol.EventStreamEndpoint;
import dev.ssehub.protocol.Refusal;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http2.Http2Stream;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

/**
 * Serves event streams on Grizzly itself, beside Jersey: a filter right after the HTTP codec takes a
 * {@code GET} on the hub path before the HTTP server sees it, hands it to the hub's
 * {@link EventStreamEndpoint} on a worker thread, and answers it on a channel of its own.
 * Everything else goes on to Jersey as before.
 *
 * <p>Over HTTP/1.x the connection then belongs to its {@link ConnectionChannel}: the codec is made
 * to forget the request, so that none of Grizzly's or Jersey's per-request objects outlive the
 * stream's start, and a second filter before the codec drops whatever the client sends on such a
 * connection afterwards. Over HTTP/2 the connection carries other streams, so it is left as it is:
 * the stream gets an {@link Http2StreamChannel}, which keeps the request's context until it ends.
 */
public final class NativeEventStreams implements AddOn {

    private static final Logger LOG = Logger.getLogger(NativeEventStreams.class.getName());
    private static final Attribute<Boolean> STREAMING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(NativeEventStreams.class.getName() + ".streaming");
    /** The codec's own record of the request it is serving on a connection; the same attribute by its name. */
    private static final Attribute<Object> REQUEST_IN_PROCESS =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    private final EventStreamEndpoint endpoint;

    public NativeEventStreams(EventStreamEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The takeover sits after the idle-timeout filter, which the HTTP server puts after the codec:
     * that filter times out a connection whose last read or write has passed through it, and a
     * stream's connection is read once and then written to directly, so it is told to wait forever.
     */
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(IdleTimeoutFilter.class) + 1, new Takeover());
        builder.add(builder.indexOfType(HttpServerFilter.class), new DropReadsOfStreams());
    }

    private static boolean isStreaming(Connection<?> connection) {
        return Boolean.TRUE.equals(STREAMING.get(connection));
    }

    /** Takes a subscription before the HTTP server sees it. */
    private final class Takeover extends BaseFilter {

        @Override
        public NextAction handleRead(FilterChainContext context) throws IOException {
            @SuppressWarnings("unchecked")
            Connection<SocketAddress> connection = context.getConnection();
            if (isStreaming(connection)) {
                REQUEST_IN_PROCESS.remove(connection);
                return context.getStopAction();
            }
            if (!(context.getMessage() instanceof HttpContent content) || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                    || request.getMethod() != Method.GET || !EventStreamEndpoint.PATH.equals(request.getRequestURI())) {
                return context.getInvokeAction();
            }
            GrizzlyRequest view = GrizzlyRequest.of(request);
            long started = System.nanoTime();
            if (request.getProtocol() == Protocol.HTTP_2_0) {
                // Suspended before the worker may use the context, which could otherwise complete it while this filter still runs.
                context.suspend();
                serve(connection, view, new Http2StreamChannel(context, request.getResponse(), Http2Stream.getStreamFor(request)), started);
                return context.getSuspendAction();
            }
            ConnectionChannel channel = new ConnectionChannel(connection, request.getProtocol() != Protocol.HTTP_1_0, request.isSecure());
            STREAMING.set(connection, true);
            REQUEST_IN_PROCESS.remove(connection);
            IdleTimeoutFilter.setCustomTimeout(connection, -1, TimeUnit.SECONDS);
            serve(connection, view, channel, started);
            return context.getStopAction();
        }
    }

    /** This may be a selector thread: joining the hub waits for its dispatcher, which is a worker's job. */
    private void serve(Connection<?> connection, GrizzlyRequest view, ResponseChannel channel, long started) {
        connection.getTransport().getWorkerThreadPool().execute(() -> open(view, channel, started));
    }

    private void open(GrizzlyRequest request, ResponseChannel channel, long started) {
        try {
            endpoint.open(request, channel).start();
            AccessLog.request("GET", request.rawPath(), 200, started, true);
        } catch (Refusal refusal) {
            channel.refuse(refusal);
            AccessLog.request("GET", request.rawPath(), refusal.status(), started, false);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "event=unexpected_error error=" + e.getClass().getName(), e);
            channel.refuse(Refusal.of(500, null, "the hub failed to serve this request"));
            AccessLog.request("GET", request.rawPath(), 500, started, false);
        }
    }

    /** Before the codec: a connection that carries a stream reads nothing more. */
    private static final class DropReadsOfStreams extends BaseFilter {

        @Override
        public NextAction handleRead(FilterChainContext context) {
            return isStreaming(context.getConnection()) ? context.getStopAction() : context.getInvokeAction();
        }
    }
}
