package dev.ssehub.update;

import java.util.List;
import java.util.Objects;

/**
 * One published update, as the Mercure publish form describes it.
 *
 * @param id      the update's identifier, given by the publisher or made by the hub
 * @param topics  the canonical topic first, then the alternate ones; never empty
 * @param data    the payload, possibly empty
 * @param isPrivate whether only authorized subscribers may receive it
 * @param type    the SSE event type, or null
 * @param retry   the SSE reconnection delay in milliseconds, or null
 */
public record Update(String id, List<String> topics, String data, boolean isPrivate, String type, Long retry) {

    public Update {
        Objects.requireNonNull(id, "id");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one topic");
        }
        data = data == null ? "" : data;
    }

    public String canonicalTopic() {
        return topics.get(0);
    }
}
