package dev.ssehub.stream;

/** The frames a subscriber replays before its live ones, read as its socket takes them rather than all at once. */
public interface ReplaySource {

    /** The next frame to replay, or null when there is none left. */
    Frame next();
}
