package dev.ssehub.log;

import dev.ssehub.update.Update;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
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
 *
 * <p>An append is one script that Redis runs atomically: it checks the update's id against an index
 * of the ids in the stream, appends only a new one, and trims the stream by count and by age, the
 * index with it. So any number of hubs store an id once, whichever gets a publisher's retry.
 */
public final class RedisEventLog extends RetainingEventLog {

    static final String STREAM = "ssehub:updates";
    /** Update id to stream entry id, for the ids the stream holds. */
    static final String ID_ENTRIES = "ssehub:id-entries";
    /** The same ids scored by their entry's time, so the index is trimmed as the stream is. */
    static final String ID_ORDER = "ssehub:id-order";
    /** Index entries dropped per append at most, so that one append never does a long trim. */
    private static final int INDEX_TRIM_BATCH = 1000;
    /**
     * KEYS: the stream, {@link #ID_ENTRIES}, {@link #ID_ORDER}. ARGV: the count to keep, the age to
     * keep in milliseconds, {@link #INDEX_TRIM_BATCH}, the update's id, then the entry's fields and
     * values. Answers {@code appended, <entry id>}, or {@code known, <entry id>, <that entry>}.
     */
    private static final String APPEND_SCRIPT = """
            local known = redis.call('HGET', KEYS[2], ARGV[4])
            if known then
              return {'known', known, redis.call('XRANGE', KEYS[1], known, known)}
            end
            local fields = {}
            for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
            local entry = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(fields))
            local entryMillis = tonumber(string.match(entry, '^(%d+)'))
            redis.call('XTRIM', KEYS[1], 'MINID', entryMillis - tonumber(ARGV[2]))
            redis.call('HSET', KEYS[2], ARGV[4], entry)
            redis.call('ZADD', KEYS[3], entryMillis, ARGV[4])
            local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
            local oldestMillis = tonumber(string.match(oldest[1][1], '^(%d+)'))
            local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. oldestMillis, 'LIMIT', 0, tonumber(ARGV[3]))
            if #gone > 0 then
              redis.call('HDEL', KEYS[2], unpack(gone))
              redis.call('ZREM', KEYS[3], unpack(gone))
            end
            return {'appended', entry}
            """;
    private static final Logger LOG = Logger.getLogger(RedisEventLog.class.getName());
    /** Looked up once: {@code Json}'s static methods look the provider up again on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_BACK_WAIT = Duration.ofSeconds(5);
    private static final int BATCH = 500;

    private final String uri;
    private final int maxCount;
    private final Duration maxAge;
    private final String appendScriptDigest;
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
        this.maxAge = maxAge;
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
            this.appendScriptDigest = commands.sync().scriptLoad(APPEND_SCRIPT);
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
        List<Object> answer;
        try {
            answer = runAppendScript(appendArguments(update));
        } catch (RedisException e) {
            throw new LogUnavailableException("Redis at " + uri + " did not take the update: " + e.getMessage(), e);
        }
        String entryId = (String) answer.get(1);
        if ("appended".equals(answer.get(0))) {
            return readBack(entryId, update);
        }
        Update stored = storedUpdate((List<?>) answer.get(2));
        if (stored != null && !stored.equals(update)) {
            throw new DuplicateIdException(update.id());
        }
        return readBack(entryId, update).asDuplicate();
    }

    /** By digest, as Redis caches scripts; a Redis that restarted has forgotten it, and is sent it again. */
    private List<Object> runAppendScript(String[] arguments) {
        String[] keys = {STREAM, ID_ENTRIES, ID_ORDER};
        try {
            return commands.sync().evalsha(appendScriptDigest, ScriptOutputType.MULTI, keys, arguments);
        } catch (RedisNoScriptException e) {
            return commands.sync().eval(APPEND_SCRIPT, ScriptOutputType.MULTI, keys, arguments);
        }
    }

    private String[] appendArguments(Update update) {
        List<String> arguments = new ArrayList<>(List.of(Integer.toString(maxCount), Long.toString(maxAge.toMillis()),
                Integer.toString(INDEX_TRIM_BATCH), update.id()));
        encode(update).forEach((field, value) -> {
            arguments.add(field);
            arguments.add(value);
        });
        return arguments.toArray(String[]::new);
    }

    /** The update in an XRANGE answer of one entry, or null when the entry is gone from the stream. */
    private static Update storedUpdate(List<?> range) {
        if (range.isEmpty()) {
            return null;
        }
        List<?> fieldsAndValues = (List<?>) ((List<?>) range.get(0)).get(1);
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
            fields.put((String) fieldsAndValues.get(i), (String) fieldsAndValues.get(i + 1));
        }
        return decode(fields);
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
                applyAll(batch);
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

    /** Applies what the tail read, then wakes the publishers waiting for their entries once, not once per entry. */
    private synchronized void applyAll(List<StreamMessage<String, String>> batch) {
        for (StreamMessage<String, String> message : batch) {
            apply(message);
        }
        if (!batch.isEmpty()) {
            notifyAll();
        }
    }

    private synchronized void apply(StreamMessage<String, String> message) {
        lastStreamId = message.getId();
        Update update = decode(message.getBody());
        LoggedUpdate existing = history.byId(update.id());
        if (existing != null) {
            // Appends never store an id twice, but a stream written by other means may hold one twice:
            // every hub keeps the first entry, so that ids stay unique in the history.
            byStreamId.put(message.getId(), existing);
            return;
        }
        LoggedUpdate logged = new LoggedUpdate(newest() + 1, update);
        byStreamId.put(message.getId(), logged);
        record(logged, Long.parseLong(message.getId().substring(0, message.getId().indexOf('-'))));
    }

    private static Map<String, String> encode(Update update) {
        JsonArrayBuilder topics = JSON.createArrayBuilder();
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
        List<String> topics = JSON.createReader(new StringReader(fields.get("topics"))).readArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        String retry = fields.get("retry");
        return new Update(fields.get("id"), topics, fields.get("data"), "1".equals(fields.get("private")),
                fields.get("type"), retry == null ? null : Long.valueOf(retry));
    }
}
