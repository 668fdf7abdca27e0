package dev.ssehub.log;

import java.util.List;

/**
 * What the log replays to a reconnecting subscriber.
 *
 * @param precedingId the id of the event just before the first replayed one, or
 *                    {@code earliest} when the replay starts at the oldest retained event (the
 *                    value of the {@code Last-Event-ID} response header, as the spec defines it)
 * @param afterPosition the position of the requested event, or 0 when the replay starts at the
 *                    oldest retained event
 * @param updates     the retained updates after the requested id, oldest first
 */
public record History(String precedingId, long afterPosition, List<LoggedUpdate> updates) {

    public static final String EARLIEST = "earliest";
}
