package dev.ssehub.hub;

import dev.ssehub.log.LoggedUpdate;
import dev.ssehub.stream.Frame;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The frames of the most recent updates by log position, so that an update is framed once for its
 * live delivery and every replay of it: a reconnect storm of identical replays frames each update
 * once. The dispatcher and the writer threads share it without locks; a frame that has left it is
 * framed again.
 */
final class FrameCache {

    private static final int SLOTS = 4096;

    private record Slot(long position, Frame frame) {
    }

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    Frame frameOf(LoggedUpdate logged) {
        int index = (int) (logged.position() & (SLOTS - 1));
        Slot slot = slots.get(index);
        if (slot != null && slot.position() == logged.position()) {
            return slot.frame();
        }
        Frame frame = Frame.of(logged.update());
        slots.set(index, new Slot(logged.position(), frame));
        return frame;
    }
}
