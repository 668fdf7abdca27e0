package dev.ssehub.hub;

import dev.ssehub.log.LoggedUpdate;
import dev.ssehub.stream.Frame;
import dev.ssehub.stream.ReplaySource;
import java.util.List;

/** The updates of a subscriber's history that its selectors and rights accept, framed as its socket takes them. */
final class HistoryReplay implements ReplaySource {

    private final List<LoggedUpdate> updates;
    private final GroupKey key;
    private final FrameCache frames;
    private final HubMetrics metrics;
    private int next;

    HistoryReplay(List<LoggedUpdate> updates, GroupKey key, FrameCache frames, HubMetrics metrics) {
        this.updates = updates;
        this.key = key;
        this.frames = frames;
        this.metrics = metrics;
    }

    @Override
    public Frame next() {
        while (next < updates.size()) {
            LoggedUpdate logged = updates.get(next++);
            if (key.accepts(logged.update())) {
                metrics.replayed();
                return frames.frameOf(logged);
            }
        }
        return null;
    }
}
