package dev.ssehub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One selector thread that owns a share of the subscriber connections: it opens them at its share
 * of the connect rate, reads whatever arrives and feeds it to each connection's parser. All of its
 * state is touched under its own lock, which the main thread takes to read a snapshot.
 */
final class Reactor implements Runnable {

    private final Selector selector;
    private final InetSocketAddress hub;
    private final byte[] request;
    private final List<SseConnection> connections = new ArrayList<>();
    private final int slowReceiveBuffer;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    final GeneratorStats stats = new GeneratorStats();

    private volatile boolean running = true;
    volatile long windowStartMicros = Long.MAX_VALUE;
    volatile long windowEndMicros = Long.MAX_VALUE;

    private long connectStartNanos;
    private double connectRate;
    private int maxInFlight;
    private int nextToOpen;
    private boolean closing;
    String lastConnectError;
    String lastReadError;

    Reactor(InetSocketAddress hub, byte[] request, int slowReceiveBuffer) throws IOException {
        this.selector = Selector.open();
        this.hub = hub;
        this.request = request;
        this.slowReceiveBuffer = slowReceiveBuffer;
    }

    void assign(SseConnection connection) {
        connections.add(connection);
    }

    List<SseConnection> connections() {
        return connections;
    }

    /** Starts opening this reactor's connections at {@code rate} a second, at most {@code maxInFlight} unanswered at once. */
    void startConnecting(double rate, int maxInFlight) {
        submit(() -> {
            this.connectRate = rate;
            this.maxInFlight = Math.max(1, maxInFlight);
            this.connectStartNanos = System.nanoTime();
        });
    }

    /** Lets the slow consumers read again, to see what they were sent and whether they were cut off. */
    void drainSlow() {
        submit(() -> {
            for (SseConnection c : connections) {
                if (c.slow && c.state == SseConnection.State.BODY && c.key != null && c.key.isValid()) {
                    c.draining = true;
                    c.key.interestOps(SelectionKey.OP_READ);
                }
            }
        });
    }

    void closeAll() {
        submit(() -> {
            closing = true;
            for (SseConnection c : connections) {
                close(c);
            }
        });
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    private void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs the action on a consistent view of this reactor's state. */
    synchronized void inspect(Consumer<Reactor> action) {
        action.accept(this);
    }

    @Override
    public void run() {
        try {
            while (running) {
                boolean connecting;
                synchronized (this) {
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    connecting = connectStartNanos != 0 && nextToOpen < connections.size();
                    if (connecting) {
                        openDue();
                    }
                }
                selector.select(connecting ? 2 : 100);
                synchronized (this) {
                    Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
                    while (selected.hasNext()) {
                        SelectionKey key = selected.next();
                        selected.remove();
                        handle(key);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                lastReadError = "reactor failed: " + e;
            }
            e.printStackTrace();
        } finally {
            synchronized (this) {
                closing = true;
                for (SseConnection c : connections) {
                    close(c);
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void openDue() {
        long elapsed = System.nanoTime() - connectStartNanos;
        long due = (long) (connectRate * elapsed / 1e9) + 1;
        while (nextToOpen < connections.size() && nextToOpen < due
                && stats.opened - stats.established - stats.connectFailed < maxInFlight) {
            open(connections.get(nextToOpen++));
        }
    }

    private void open(SseConnection c) {
        stats.opened++;
        c.openedNanos = System.nanoTime();
        try {
            SocketChannel channel = SocketChannel.open();
            c.channel = channel;
            channel.configureBlocking(false);
            if (c.slow && slowReceiveBuffer > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, slowReceiveBuffer);
            }
            if (channel.connect(hub)) {
                c.key = channel.register(selector, 0, c);
                sendRequest(c);
            } else {
                c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException e) {
            connectFailed(c, e);
        }
    }

    private void sendRequest(SseConnection c) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(request);
        c.channel.write(out);
        if (out.hasRemaining()) {
            throw new IOException("request not written at once");
        }
        c.state = SseConnection.State.HEAD;
        c.key.interestOps(SelectionKey.OP_READ);
    }

    private void connectFailed(SseConnection c, Exception e) {
        stats.connectFailed++;
        lastConnectError = e.toString();
        close(c);
    }

    private void handle(SelectionKey key) {
        SseConnection c = (SseConnection) key.attachment();
        if (!key.isValid()) {
            return;
        }
        if (key.isConnectable()) {
            try {
                c.channel.finishConnect();
                sendRequest(c);
            } catch (IOException e) {
                connectFailed(c, e);
            }
            return;
        }
        if (key.isReadable()) {
            read(c);
        }
    }

    private void read(SseConnection c) {
        try {
            while (true) {
                buffer.clear();
                int n = c.channel.read(buffer);
                if (n < 0) {
                    ended(c, null);
                    return;
                }
                if (n == 0) {
                    return;
                }
                long now = epochMicros();
                boolean inWindow = now >= windowStartMicros && now < windowEndMicros;
                SseConnection.State before = c.state;
                int fed = c.feed(buffer.array(), 0, n, now, inWindow, stats);
                if (fed == SseConnection.ENDED) {
                    // The hub ended the response; it may keep the connection for another request, this client does not.
                    ended(c, null);
                    return;
                }
                if (fed != SseConnection.OK) {
                    if (before == SseConnection.State.HEAD) {
                        stats.connectFailed++;
                        lastConnectError = "not an event stream";
                    } else {
                        stats.readErrors++;
                        lastReadError = "unparsable stream";
                    }
                    close(c);
                    return;
                }
                if (c.slow && !c.draining && c.state == SseConnection.State.BODY) {
                    // A consumer that stopped reading: whatever the hub sends piles up in the socket buffers.
                    c.key.interestOps(0);
                    return;
                }
                if (n < buffer.capacity()) {
                    return;
                }
            }
        } catch (IOException e) {
            ended(c, e);
        }
    }

    private void ended(SseConnection c, IOException error) {
        if (c.state == SseConnection.State.HEAD || c.state == SseConnection.State.CONNECTING) {
            stats.connectFailed++;
            lastConnectError = error == null ? "closed before the response" : error.toString();
        } else if (c.state == SseConnection.State.BODY && !closing) {
            if (c.slow) {
                stats.slowClosed++;
            } else {
                stats.disconnects++;
                if (error != null) {
                    stats.readErrors++;
                    lastReadError = error.toString();
                }
            }
        }
        close(c);
    }

    private void close(SseConnection c) {
        c.state = SseConnection.State.CLOSED;
        if (c.key != null) {
            c.key.cancel();
        }
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    static long epochMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
