package dev.ssehub.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a log tells its follower: where it stood, then each update appended. */
final class FollowedLog implements LogFollower {

    private final List<Long> positions = new CopyOnWriteArrayList<>();
    private volatile long startedAfter = -1;

    static FollowedLog of(EventLog log) {
        FollowedLog followed = new FollowedLog();
        log.follow(followed);
        return followed;
    }

    @Override
    public void startAfter(long position) {
        if (!positions.isEmpty()) {
            throw new AssertionError("told where the log stood after an update: " + positions);
        }
        startedAfter = position;
    }

    @Override
    public void appended(LoggedUpdate logged) {
        positions.add(logged.position());
    }

    long startedAfter() {
        return startedAfter;
    }

    List<Long> positions() {
        return positions;
    }
}
