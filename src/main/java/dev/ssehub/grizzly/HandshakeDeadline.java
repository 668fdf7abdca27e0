package dev.ssehub.grizzly;

import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLBaseFilter;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;

/**
 * Closes a TLS connection whose handshake has not finished {@link #SECONDS} seconds after it was
 * accepted, however slowly its bytes trickle in. Grizzly's keep-alive idle timeout counts from the
 * last request handled, and a handshake is no request: the TLS filter keeps its bytes from every
 * filter after it, the idle timeout's included. So the idle timeout a connection gets at accept is
 * made this short, and set back to the listener's own once the handshake is done.
 */
public final class HandshakeDeadline extends BaseFilter implements AddOn, SSLBaseFilter.HandshakeListener {

    public static final int SECONDS = 10;

    private long keepAliveSeconds;

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        keepAliveSeconds = listener.getKeepAlive().getIdleTimeoutInSeconds();
        int tls = builder.indexOfType(SSLBaseFilter.class);
        ((SSLBaseFilter) builder.get(tls)).addHandshakeListener(this);
        builder.add(tls + 1, this);
    }

    @Override
    public NextAction handleAccept(FilterChainContext context) {
        IdleTimeoutFilter.setCustomTimeout(context.getConnection(), SECONDS, TimeUnit.SECONDS);
        return context.getInvokeAction();
    }

    @Override
    public void onStart(Connection<?> connection) {
        // The deadline was set at accept.
    }

    @Override
    public void onComplete(Connection<?> connection) {
        IdleTimeoutFilter.setCustomTimeout(connection, keepAliveSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void onFailure(Connection<?> connection, Throwable failure) {
        // The TLS filter closes the connection.
    }
}
