package dev.ssehub.log;

import dev.ssehub.update.Update;

/**
 * An update with its place in the log's total order. Positions only grow; every subscriber
 * receives updates in position order.
 *
 * @param duplicate true when an append found this update already logged and appended nothing
 */
public record LoggedUpdate(long position, Update update, boolean duplicate) {

    public LoggedUpdate(long position, Update update) {
        this(position, update, false);
    }

    /** This update as the answer to a retried append of it. */
    LoggedUpdate asDuplicate() {
        return new LoggedUpdate(position, update, true);
    }
}
