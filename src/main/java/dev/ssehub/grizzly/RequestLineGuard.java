package dev.ssehub.grizzly;

import dev.ssehub.protocol.Refusal;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http2.Http2Session;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Answers a malformed request line as soon as its LF arrives: 400, or 505 for a major version other
 * than 1, as a problem naming the field {@code request-line}, and the connection is closed.
 *
 * <p>Grizzly's codec reads the method up to a space and the version up to the line's end: a line
 * without a space kept it waiting for one until the idle timeout, and any version it does not know,
 * junk included, was a 505. The check sits in the codec itself, because only there does every
 * request's first byte pass, those that follow another in the same read included; a filter before
 * the codec never sees such a pipelined request. So this add-on puts a codec that checks the line
 * first in the place of Grizzly's own, configured as Grizzly configured that one.
 *
 * <p>On a TLS connection whose client chose HTTP/2 by ALPN, the codec reads the HTTP/2 connection
 * preface ({@code PRI * HTTP/2.0}) as a request line, and the HTTP/2 filter takes the rest of the
 * connection as frames: that one line of major version 2 is let through there, and only there.
 */
public final class RequestLineGuard implements AddOn {

    private static final String FIELD = "request-line";
    private static final String PROBLEM = RequestLineGuard.class.getName() + ".problem";
    /** Where the search for the line's LF resumes, so that a line arriving byte by byte is scanned once, not once per byte. */
    private static final String SEARCHED_UP_TO = RequestLineGuard.class.getName() + ".searchedUpTo";

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int index = builder.indexOfType(HttpServerFilter.class);
        builder.set(index, new CheckingCodec(listener, (HttpServerFilter) builder.get(index)));
    }

    private static final class CheckingCodec extends HttpServerFilter {

        /** Grizzly's server builds its codec with this constructor, deprecated or not; so does this one, from the same listener. */
        @SuppressWarnings("deprecation")
        CheckingCodec(NetworkListener listener, HttpServerFilter grizzlys) {
            super(listener.isChunkingEnabled(), listener.getMaxHttpHeaderSize() == -1 ? DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : listener.getMaxHttpHeaderSize(),
                    null, listener.getKeepAlive(), null, listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
            for (ContentEncoding encoding : grizzlys.getContentEncodings()) {
                addContentEncoding(encoding);
            }
            setAllowPayloadForUndefinedHttpMethods(grizzlys.isAllowPayloadForUndefinedHttpMethods());
            setMaxPayloadRemainderToSkip(grizzlys.getMaxPayloadRemainderToSkip());
            setPreserveHeaderCase(grizzlys.isPreserveHeaderCase());
            setRemoveHandledContentEncodingHeaders(grizzlys.isRemoveHandledContentEncodingHeaders());
            getMonitoringConfig().addProbes(grizzlys.getMonitoringConfig().getProbes());
        }

        @Override
        protected boolean decodeHttpPacket(FilterChainContext context, HttpPacketParsing packet, Buffer input) {
            HttpCodecFilter.HeaderParsingState parsing = packet.getHeaderParsingState();
            if (parsing.state != 0) {
                return super.decodeHttpPacket(context, packet, input);
            }
            HttpRequestPacket request = (HttpRequestPacket) packet;
            int start = input.position();
            Object searched = request.getAttribute(SEARCHED_UP_TO);
            int limit = Math.min(input.limit(), parsing.packetLimit);
            int lf = RequestLine.lineEnd(input, searched == null ? start : (Integer) searched, limit);
            if (lf < 0) {
                request.setAttribute(SEARCHED_UP_TO, limit);
                return super.decodeHttpPacket(context, packet, input);
            }
            RequestLine line = RequestLine.judge(input, start, lf);
            if (line == RequestLine.UNSUPPORTED_VERSION && Http2Session.get(context.getConnection()) != null) {
                return super.decodeHttpPacket(context, packet, input);
            }
            switch (line) {
                case MALFORMED -> refuse(request, Response.Status.BAD_REQUEST, "the request line is not a method, a target and HTTP/<digit>.<digit>, separated by spaces");
                case UNSUPPORTED_VERSION -> refuse(request, Response.Status.HTTP_VERSION_NOT_SUPPORTED, "the hub speaks HTTP/1.x only");
                default -> { }
            }
            boolean parsed = super.decodeHttpPacket(context, packet, input);
            if (line == RequestLine.LATER_HTTP_1 && parsing.state != 0) {
                request.setProtocol(Protocol.HTTP_1_1);
            }
            return parsed;
        }

        /** Grizzly answers a request whose header it cannot parse with the status already set, or 400, then closes the connection. */
        private static void refuse(HttpRequestPacket request, Response.Status status, String detail) {
            request.setAttribute(PROBLEM, Refusal.problemJson(status.getStatusCode(), FIELD, detail));
            request.getResponse().setStatus(status.getStatusCode());
            request.getResponse().setReasonPhrase(status.getReasonPhrase());
            // Grizzly shapes the answer by the request's version and method, which are not parsed yet: without a
            // version it would answer as to HTTP/0.9, without its head; the method only decides whether a body goes out.
            request.setProtocol(Protocol.HTTP_1_1);
            request.setMethod(Method.GET);
            request.getProcessingState().setKeepAlive(false);
            throw new IllegalStateException(detail);
        }

        @Override
        protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
            Object problem = response.getRequest().getAttribute(PROBLEM);
            if (problem == null) {
                return super.customizeErrorResponse(response);
            }
            byte[] body = ((String) problem).getBytes(StandardCharsets.UTF_8);
            response.setContentType(Refusal.MEDIA_TYPE);
            response.setContentLength(body.length);
            return HttpContent.builder(response).content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body)).last(true).build();
        }
    }
}
