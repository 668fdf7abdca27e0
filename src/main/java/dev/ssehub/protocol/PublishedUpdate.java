package dev.ssehub.protocol;

import dev.ssehub.update.Update;
import dev.ssehub.update.UpdateIds;
import java.util.List;

/**
 * What a publish must carry to become an update, wherever it comes from: a publish request, or an
 * application that embeds the hub and publishes in-process. A field that breaks a rule is a
 * {@link Refusal} naming it.
 */
public final class PublishedUpdate {

    private PublishedUpdate() {
    }

    /**
     * @param id the publisher's id, or null or empty for one the hub makes
     * @param type null or empty for none
     * @param retry null for none
     */
    public static Update of(List<String> topics, String id, String data, boolean isPrivate, String type, Long retry) {
        if (topics == null || topics.isEmpty()) {
            throw Refusal.badRequest("topic", "at least one topic is required");
        }
        if (topics.stream().anyMatch(topic -> topic == null || topic.isEmpty())) {
            throw Refusal.badRequest("topic", "a topic must not be empty");
        }
        RequestChecks.requireShortTopics(topics);
        if (id == null || id.isEmpty()) {
            id = UpdateIds.next();
        } else {
            RequestChecks.requireSingleLine("id", id);
            if (id.startsWith("#")) {
                throw Refusal.badRequest("id", "an id must not start with '#'");
            }
        }
        if (type != null && type.isEmpty()) {
            type = null;
        }
        if (type != null) {
            RequestChecks.requireSingleLine("type", type);
        }
        if (retry != null && retry < 0) {
            throw Refusal.badRequest("retry", "retry must not be negative");
        }
        return new Update(id, List.copyOf(topics), data, isPrivate, type, retry);
    }
}
