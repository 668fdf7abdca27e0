package dev.ssehub.grizzly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssehub.stream.StreamEvents;
import dev.ssehub.stream.StreamHead;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http2.Http2Configuration;
import org.glassfish.grizzly.http2.Http2ServerFilter;
import org.glassfish.grizzly.http2.Http2Session;
import org.glassfish.grizzly.http2.Http2Stream;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP/2 stream's channel on a real Grizzly connection, session and stream. Grizzly reports a
 * closed connection from a thread that may hold its session's lock (a selector that answered the
 * client's GOAWAY), while a write holding the channel may be waiting for that same lock: the report
 * must not wait for the write, or both threads wait for ever.
 */
class Http2StreamChannelTest {

    private final TCPNIOTransport transport = TCPNIOTransportBuilder.newInstance().build();

    @AfterEach
    void stop() throws IOException {
        transport.shutdownNow();
    }

    @Test
    void theNewsThatTheConnectionClosedDoesNotWaitForAWriteInProgressAndTheContextIsLetGoAfterIt() throws Exception {
        int port = ((InetSocketAddress) transport.bind(new InetSocketAddress("127.0.0.1", 0)).getLocalAddress()).getPort();
        transport.setProcessor(FilterChainBuilder.stateless().add(new TransportFilter()).build());
        transport.start();
        Connection<?> connection = transport.connect(new InetSocketAddress("127.0.0.1", port)).get(5, TimeUnit.SECONDS);
        Http2Session session = new Http2Session(connection, true, new Http2ServerFilter(Http2Configuration.builder().build()));
        HttpRequestPacket request = HttpRequestPacket.builder().method(Method.GET).uri("/.well-known/mercure")
                .protocol(Protocol.HTTP_2_0).build();
        Http2Stream stream = session.openStream(request, 2, 0, false, 16);
        // As the hub's filter has it: a request's context in the chain, suspended while the stream lives.
        FilterChainContext context = ((FilterChain) connection.getProcessor()).obtainFilterChainContext(connection);
        context.setFilterIdx(0);
        context.suspend();
        CompletableFuture<Void> contextLetGo = new CompletableFuture<>();
        context.addCompletionListener(completed -> contextLetGo.complete(null));
        HttpResponsePacket response = HttpResponsePacket.builder(request).build();
        Http2StreamChannel channel = new Http2StreamChannel(context, response, stream);
        CompletableFuture<Void> reportedClosed = new CompletableFuture<>();
        channel.start(new StreamHead(Map.of()), new StreamEvents() {
            @Override
            public void writable() {
            }

            @Override
            public void closed() {
                reportedClosed.complete(null);
            }
        });

        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch writeDone = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            synchronized (channel) {
                writing.countDown();
                try {
                    writeDone.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        writer.start();
        writing.await();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(connection::terminateSilently);
        try {
            assertThat(closing).as("closing the connection while a write holds the channel").succeedsWithin(5, TimeUnit.SECONDS);
            assertThat(reportedClosed).as("the stream reported closed while the write holds the channel").succeedsWithin(5, TimeUnit.SECONDS);
            assertThat(contextLetGo).as("the request's context, still in the write's hands").isNotDone();
        } finally {
            writeDone.countDown();
        }
        assertThat(contextLetGo).as("the request's context, let go once the write is done").succeedsWithin(5, TimeUnit.SECONDS);
    }
}
