package dev.ssehub.log;

import dev.ssehub.update.Update;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The file log's record: {@code int length, int crc32c, payload}, where the payload holds the
 * position, the append time and the update. The checksum tells a record torn by a crash from a
 * whole one.
 */
final class RecordCodec {

    static final int HEADER_BYTES = 8;
    /** Larger than any record the hub accepts (bodies are capped at 64 MiB); anything above is damage. */
    static final int MAX_PAYLOAD_BYTES = 192 * 1024 * 1024;

    record Decoded(LoggedUpdate logged, long appendedAtMillis) {
    }

    private RecordCodec() {
    }

    static ByteBuffer encode(LoggedUpdate logged, long appendedAtMillis) {
        Update update = logged.update();
        List<byte[]> strings = new ArrayList<>();
        strings.add(bytes(update.id()));
        update.topics().forEach(topic -> strings.add(bytes(topic)));
        strings.add(bytes(update.type()));
        strings.add(bytes(update.data()));
        int payload = 8 + 8 + 4 + 1 + 8;
        for (byte[] string : strings) {
            payload += 4 + (string == null ? 0 : string.length);
        }
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload);
        record.putInt(payload).putInt(0);
        record.putLong(logged.position()).putLong(appendedAtMillis);
        put(record, strings.get(0));
        record.putInt(update.topics().size());
        for (int i = 0; i < update.topics().size(); i++) {
            put(record, strings.get(1 + i));
        }
        record.put((byte) (update.isPrivate() ? 1 : 0));
        put(record, strings.get(strings.size() - 2));
        record.putLong(update.retry() == null ? -1 : update.retry());
        put(record, strings.get(strings.size() - 1));
        record.putInt(4, checksum(record.array(), HEADER_BYTES, payload));
        return record.flip();
    }

    /** Decodes one payload whose checksum was verified. */
    static Decoded decode(ByteBuffer payload) {
        long position = payload.getLong();
        long appendedAt = payload.getLong();
        String id = string(payload);
        int topicCount = payload.getInt();
        List<String> topics = new ArrayList<>(topicCount);
        for (int i = 0; i < topicCount; i++) {
            topics.add(string(payload));
        }
        boolean isPrivate = payload.get() == 1;
        String type = string(payload);
        long retry = payload.getLong();
        String data = string(payload);
        Update update = new Update(id, topics, data, isPrivate, type, retry < 0 ? null : retry);
        return new Decoded(new LoggedUpdate(position, update), appendedAt);
    }

    static int checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    private static byte[] bytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ByteBuffer buffer, byte[] string) {
        if (string == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(string.length).put(string);
        }
    }

    private static String string(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }
}
