package dev.ssehub.grizzly;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Answers a request that offers {@code Upgrade: h2c} (the JDK's HttpClient does by default) as the
 * plain HTTP/1.1 request it also is, as a server without HTTP/2 may. Grizzly otherwise takes the
 * offer for a protocol switch, stops reading the body by its length, and the publish hangs.
 */
public final class IgnoreCleartextHttp2Upgrade extends BaseFilter implements AddOn {

    private static final String H2C = "h2c";

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(HttpServerFilter.class) + 1, this);
    }

    @Override
    public NextAction handleEvent(FilterChainContext context, FilterChainEvent event) throws IOException {
        if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
            HttpHeader request = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
            if (H2C.equalsIgnoreCase(request.getUpgrade())) {
                request.getUpgradeDC().recycle();
                request.setIgnoreContentModifiers(false);
                return context.getStopAction();
            }
        }
        return context.getInvokeAction();
    }
}
