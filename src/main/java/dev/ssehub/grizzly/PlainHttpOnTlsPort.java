package dev.ssehub.grizzly;

import dev.ssehub.protocol.Refusal;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.ssl.SSLBaseFilter;

/**
 * Answers a plain HTTP request sent to the TLS port, as {@code curl http://host:8443/} sends one, with
 * a 400 problem that says to use {@code https}, in plain HTTP, and closes the connection; the TLS
 * filter would only drop it, leaving the client with an empty reply. A TLS connection opens with a
 * handshake record (byte 22); one that opens with an ASCII letter is HTTP, and anything else is
 * closed unanswered. Only a connection's first byte is looked at.
 */
public final class PlainHttpOnTlsPort extends BaseFilter implements AddOn {

    private static final int HANDSHAKE_RECORD = 22;
    private static final Attribute<Boolean> TLS_SEEN =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(PlainHttpOnTlsPort.class.getName() + ".tlsSeen");
    private static final byte[] ANSWER = answer();

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        builder.add(builder.indexOfType(SSLBaseFilter.class), this);
    }

    @Override
    public NextAction handleRead(FilterChainContext context) {
        Connection<?> connection = context.getConnection();
        if (Boolean.TRUE.equals(TLS_SEEN.get(connection))) {
            return context.getInvokeAction();
        }
        Buffer input = context.getMessage();
        if (!input.hasRemaining()) {
            return context.getStopAction(input);
        }
        byte first = input.get(input.position());
        if (first == HANDSHAKE_RECORD) {
            TLS_SEEN.set(connection, true);
            return context.getInvokeAction();
        }
        if (first >= 'A' && first <= 'Z') {
            context.write(Buffers.wrap(connection.getMemoryManager(), ANSWER));
        }
        input.tryDispose();
        connection.closeSilently();
        return context.getStopAction();
    }

    private static byte[] answer() {
        byte[] body = Refusal.problemJson(400, "scheme", "this port speaks HTTPS only; use an https:// URL").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: " + Refusal.MEDIA_TYPE + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] head1 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head1.length + body.length];
        System.arraycopy(head1, 0, all, 0, head1.length);
        System.arraycopy(body, 0, all, head1.length, body.length);
        return all;
    }
}
