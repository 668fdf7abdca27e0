package dev.ssehub.hub;

import dev.ssehub.log.LoggedUpdate;
import dev.ssehub.stream.Frame;
import dev.ssehub.stream.Outbound;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The fan-out state: where the dispatcher stands in the log, and who is subscribed to what. Only
 * the {@link Dispatcher} holds it, so every method runs on the dispatcher thread, between two
 * updates: a subscriber joins at an exact position.
 */
final class FanOut {

    private final GroupRegistry registry = new GroupRegistry();
    private final FrameCache frames;
    private final HubMetrics metrics;
    private final Consumer<Subscriber> cutOff;
    /** The newest position handed to the groups. */
    private long position;

    /** @param cutOff what to do with a subscriber whose queue would pass its bound */
    FanOut(FrameCache frames, HubMetrics metrics, Consumer<Subscriber> cutOff) {
        this.frames = frames;
        this.metrics = metrics;
        this.cutOff = cutOff;
    }

    void startAfter(long newest) {
        position = newest;
    }

    void dispatch(LoggedUpdate logged) {
        position = logged.position();
        List<SubscriberGroup> recipients = new ArrayList<>();
        registry.forEachRecipient(logged.position(), logged.update(), recipients::add);
        if (recipients.isEmpty()) {
            return;
        }
        Frame frame = frames.frameOf(logged);
        List<Subscriber> overflowing = null;
        int delivered = 0;
        for (SubscriberGroup group : recipients) {
            for (Subscriber member : group.members()) {
                switch (member.outbound().offer(logged.position(), frame)) {
                    case QUEUED -> delivered++;
                    case OVERFLOW -> {
                        if (overflowing == null) {
                            overflowing = new ArrayList<>();
                        }
                        overflowing.add(member);
                    }
                    default -> { }
                }
            }
        }
        metrics.delivered(delivered);
        if (overflowing != null) {
            overflowing.forEach(cutOff);
        }
    }

    /** Adds the subscriber to its group; returns the position after which it receives updates live. */
    long join(Subscriber subscriber) {
        registry.groupFor(subscriber.key()).add(subscriber);
        return position;
    }

    void remove(Subscriber subscriber) {
        SubscriberGroup group = registry.existing(subscriber.key());
        if (group == null) {
            return;
        }
        group.remove(subscriber);
        if (group.isEmpty()) {
            registry.remove(group);
        }
    }

    /** Offers the heartbeat to every stream, and cuts off those whose queue is full. */
    void heartbeat(Frame beat) {
        cutOffWhere(outbound -> outbound.offer(beat) == Outbound.Offer.OVERFLOW);
    }

    /** Cuts off the streams whose write has waited for the socket longer than {@code stallNanos}: clients that stopped reading. */
    void cutOffStalled(long nowNanos, long stallNanos) {
        cutOffWhere(outbound -> outbound.writeWaitingNanos(nowNanos) > stallNanos);
    }

    private void cutOffWhere(Predicate<Outbound> stuck) {
        List<Subscriber> found = new ArrayList<>();
        for (SubscriberGroup group : registry.all()) {
            for (Subscriber member : group.members()) {
                if (stuck.test(member.outbound())) {
                    found.add(member);
                }
            }
        }
        found.forEach(cutOff);
    }

    List<Subscriber> members() {
        List<Subscriber> members = new ArrayList<>();
        for (SubscriberGroup group : registry.all()) {
            group.members().forEach(members::add);
        }
        return members;
    }
}
