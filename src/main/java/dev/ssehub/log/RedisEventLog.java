package dev.ssehub.log;

import dev.ssehub.update.Update;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The shared log: one Redis stream holds the total order of every hub that uses it. Each hub tails
 * the stream and gives entries its own positions in stream order, so all hubs deliver the same
 * updates in the same order and any of them can resume a subscriber after any update id. A
 * publish is acknowledged once the hub has read its entry back from the stream.
 */
public final class RedisEventLog extends RetainingEventLog {

    static final String STREAM = "ssehub:updates";
    private static final Logger LOG = Logger.getLogger(RedisEventLog.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_BACK_WAIT = Duration.ofSeconds(5);
    private static final int BATCH = 500;

    private final String uri;
    private final int maxCount;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisConnection<String, String> tailing;
    /** The newest entries by stream id, for answering a publish with what the tail read back. */
    private final Map<String, LoggedUpdate> byStreamId;
    private final Thread tail;
    private volatile boolean closed;
    private volatile boolean reachable = true;
    private String lastStreamId = "0-0";

    private RedisEventLog(String uri, int maxCount, Duration maxAge) {
        super(new RetainedHistory(maxCount, maxAge, Clock.systemUTC()));
        this.uri = uri;
        this.maxCount = maxCount;
        this.byStreamId = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LoggedUpdate> eldest) {
                return size() > maxCount;
            }
        };
        this.client = RedisClient.create(RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        try {
            this.commands = client.connect();
            this.tailing = client.connect();
            loadHistory();
        } catch (RedisException e) {
            client.shutdown();
            throw e;
        }
        this.tail = new Thread(this::tail, "ssehub-redis-tail");
        tail.setDaemon(true);
        tail.start();
    }

    /** Connects and reads the stream's history; fails at once when Redis cannot be reached. */
    public static RedisEventLog open(String uri, int maxCount, Duration maxAge) {
        return new RedisEventLog(uri, maxCount, maxAge);
    }

    @Override
    public LoggedUpdate append(Update update) {
        synchronized (this) {
            LoggedUpdate existing = history.alreadyLogged(update);
            if (existing != null) {
                return existing.asDuplicate();
            }
        }
        String streamId;
        try {
            streamId = commands.sync().xadd(STREAM, XAddArgs.Builder.maxlen(maxCount).approximateTrimming(), encode(update));
        } catch (RedisException e) {
            throw new LogUnavailableException("Redis at " + uri + " did not take the update: " + e.getMessage(), e);
        }
        return readBack(streamId, update);
    }

    @Override
    public boolean isReady() {
        return reachable && !closed;
    }

    @Override
    public void close() {
        closed = true;
        // Closing the tail's connection ends its blocking read at once.
        tailing.close();
        tail.interrupt();
        try {
            tail.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** Waits until the tail has read the entry, so the answer names the update as every hub sees it. */
    private synchronized LoggedUpdate readBack(String streamId, Update update) {
        long deadline = System.nanoTime() + READ_BACK_WAIT.toNanos();
        while (!byStreamId.containsKey(streamId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                // The update is in the stream and every hub will deliver it; only its position is not known here yet.
                return new LoggedUpdate(-1, update);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LoggedUpdate(-1, update);
            }
        }
        return byStreamId.get(streamId);
    }

    private void loadHistory() {
        String from = "-";
        while (true) {
            List<StreamMessage<String, String>> batch = commands.sync().xrange(STREAM, Range.create(from, "+"), Limit.from(BATCH));
            for (StreamMessage<String, String> message : batch) {
                if (!message.getId().equals(from)) {
                    apply(message);
                }
            }
            if (batch.size() < BATCH) {
                return;
            }
            from = batch.get(batch.size() - 1).getId();
        }
    }

    private void tail() {
        long backoffMillis = 100;
        while (!closed) {
            try {
                String after;
                synchronized (this) {
                    after = lastStreamId;
                }
                List<StreamMessage<String, String>> batch = tailing.sync().xread(
                        XReadArgs.Builder.block(Duration.ofSeconds(1)).count(BATCH), XReadArgs.StreamOffset.from(STREAM, after));
                if (!reachable) {
                    LOG.info("event=log_reachable transport=" + uri);
                }
                reachable = true;
                backoffMillis = 100;
                for (StreamMessage<String, String> message : batch) {
                    apply(message);
                }
            } catch (RedisException e) {
                if (closed) {
                    return;
                }
                if (reachable) {
                    LOG.warning("event=log_unreachable transport=" + uri + " error=" + e.getMessage());
                }
                reachable = false;
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMillis = Math.min(2000, backoffMillis * 2);
            }
        }
    }

    private synchronized void apply(StreamMessage<String, String> message) {
        lastStreamId = message.getId();
        Update update = decode(message.getBody());
        LoggedUpdate existing = history.byId(update.id());
        if (existing != null) {
            // Two hubs took the same retried publication at once: every hub keeps the first entry.
            byStreamId.put(message.getId(), existing);
            notifyAll();
            return;
        }
        LoggedUpdate logged = new LoggedUpdate(newest() + 1, update);
        byStreamId.put(message.getId(), logged);
        record(logged, Long.parseLong(message.getId().substring(0, message.getId().indexOf('-'))));
        notifyAll();
    }

    private static Map<String, String> encode(Update update) {
        JsonArrayBuilder topics = Json.createArrayBuilder();
        update.topics().forEach(topics::add);
        Map<String, String> fields = new HashMap<>();
        fields.put("id", update.id());
        fields.put("topics", topics.build().toString());
        fields.put("data", update.data());
        fields.put("private", update.isPrivate() ? "1" : "0");
        if (update.type() != null) {
            fields.put("type", update.type());
        }
        if (update.retry() != null) {
            fields.put("retry", Long.toString(update.retry()));
        }
        return fields;
    }

    private static Update decode(Map<String, String> fields) {
        List<String> topics = Json.createReader(new StringReader(fields.get("topics"))).readArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        String retry = fields.get("retry");
        return new Update(fields.get("id"), topics, fields.get("data"), "1".equals(fields.get("private")),
                fields.get("type"), retry == null ? null : Long.valueOf(retry));
    }
}
