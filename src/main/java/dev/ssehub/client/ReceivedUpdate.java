package dev.ssehub.client;

/**
 * An update as a subscriber receives it.
 *
 * @param id   the update's id, which is also the position to resume after
 * @param type the event type, or null for the default {@code message}
 * @param data the payload
 */
public record ReceivedUpdate(String id, String type, String data) {
}
