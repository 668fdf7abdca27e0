package dev.ssehub.hub;

import dev.ssehub.update.Update;
import java.util.LinkedHashSet;
import java.util.Set;

/** Subscribers with the same {@link GroupKey}: one match per update for all of them. Used only on the dispatcher thread. */
final class SubscriberGroup {

    private final GroupKey key;
    private final Set<Subscriber> members = new LinkedHashSet<>();
    private long lastPosition;

    SubscriberGroup(GroupKey key) {
        this.key = key;
    }

    GroupKey key() {
        return key;
    }

    boolean accepts(Update update) {
        return key.accepts(update);
    }

    /** False when this position was already delivered: a group can be found through several topics. */
    boolean firstVisit(long position) {
        if (position == lastPosition) {
            return false;
        }
        lastPosition = position;
        return true;
    }

    void add(Subscriber subscriber) {
        members.add(subscriber);
    }

    void remove(Subscriber subscriber) {
        members.remove(subscriber);
    }

    Iterable<Subscriber> members() {
        return members;
    }

    int size() {
        return members.size();
    }

    boolean isEmpty() {
        return members.isEmpty();
    }
}
