package dev.ssehub.log;

/** The one reader that follows a log as it grows: the hub's dispatcher. */
public interface LogFollower {

    /**
     * Called once, first, with the position of the newest update already in the log (0 when it is
     * empty): every update passed to {@link #appended} comes after it.
     */
    void startAfter(long position);

    /** An update just appended, in position order, one at a time. */
    void appended(LoggedUpdate logged);
}
