package dev.ssehub.hub;

import dev.ssehub.update.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the groups an update goes to: exact-topic selectors by hash lookup, templates and
 * {@code *} by matching. Used only on the dispatcher thread.
 */
final class GroupRegistry {

    private final Map<GroupKey, SubscriberGroup> groups = new HashMap<>();
    private final Map<String, List<SubscriberGroup>> byExactTopic = new HashMap<>();
    private final Set<SubscriberGroup> withPatterns = new LinkedHashSet<>();

    SubscriberGroup groupFor(GroupKey key) {
        SubscriberGroup existing = groups.get(key);
        if (existing != null) {
            return existing;
        }
        SubscriberGroup group = new SubscriberGroup(key);
        groups.put(key, group);
        for (String topic : key.selectors().exactTopics()) {
            byExactTopic.computeIfAbsent(topic, ignored -> new ArrayList<>(1)).add(group);
        }
        if (key.selectors().hasPatterns()) {
            withPatterns.add(group);
        }
        return group;
    }

    /** The group of this key, or null when it has no members. */
    SubscriberGroup existing(GroupKey key) {
        return groups.get(key);
    }

    void remove(SubscriberGroup group) {
        groups.remove(group.key());
        for (String topic : group.key().selectors().exactTopics()) {
            List<SubscriberGroup> indexed = byExactTopic.get(topic);
            indexed.remove(group);
            if (indexed.isEmpty()) {
                byExactTopic.remove(topic);
            }
        }
        withPatterns.remove(group);
    }

    /** Calls the action once for every group that accepts the update. */
    void forEachRecipient(long position, Update update, Consumer<SubscriberGroup> action) {
        for (String topic : update.topics()) {
            List<SubscriberGroup> indexed = byExactTopic.get(topic);
            if (indexed != null) {
                for (SubscriberGroup group : indexed) {
                    visit(group, position, update, action);
                }
            }
        }
        for (SubscriberGroup group : withPatterns) {
            visit(group, position, update, action);
        }
    }

    Iterable<SubscriberGroup> all() {
        return groups.values();
    }

    private static void visit(SubscriberGroup group, long position, Update update, Consumer<SubscriberGroup> action) {
        if (group.firstVisit(position) && group.accepts(update)) {
            action.accept(group);
        }
    }
}
