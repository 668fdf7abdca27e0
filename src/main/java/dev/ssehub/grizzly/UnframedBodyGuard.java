package dev.ssehub.grizzly;

import java.io.IOException;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Grizzly does not read the body of a TRACE (nor of another method that may not have one) and
 * parses it as the next request on the connection, so a request could be smuggled inside one.
 * Once such a body arrives, nothing more read on that connection reaches the application; the
 * method's own answer closes the connection (see {@link MalformedRequestGuard}).
 *
 * <p>HTTP/2 frames every body in DATA frames of its own stream, so nothing in one can become another
 * request, and the connection carries other streams: its requests are left alone.
 */
public final class UnframedBodyGuard extends BaseFilter implements AddOn {

    private static final Attribute<Boolean> TAINTED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UnframedBodyGuard.class.getName() + ".tainted");

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(HttpServerFilter.class) + 1, this);
    }

    @Override
    public NextAction handleRead(FilterChainContext context) throws IOException {
        Connection<?> connection = context.getConnection();
        if (Boolean.TRUE.equals(TAINTED.get(connection))) {
            return context.getStopAction();
        }
        if (context.getMessage() instanceof HttpContent content) {
            HttpHeader header = content.getHttpHeader();
            if (header instanceof HttpRequestPacket request && request.getProtocol() != Protocol.HTTP_2_0
                    && request.getMethod().getPayloadExpectation() == Method.PayloadExpectation.NOT_ALLOWED
                    && (request.getContentLength() > 0 || request.isChunked())) {
                TAINTED.set(connection, true);
            }
        }
        return context.getInvokeAction();
    }
}
