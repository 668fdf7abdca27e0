package dev.ssehub.log;

import dev.ssehub.update.Update;

/**
 * An update with its place in the log's total order. Positions only grow; every subscriber
 * receives updates in position order.
 */
public record LoggedUpdate(long position, Update update) {
}
