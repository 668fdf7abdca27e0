package dev.ssehub.hub;

/** The subscriber left, or its connection failed, while the hub was writing to it. */
final class SubscriberGoneException extends RuntimeException {

    SubscriberGoneException() {
        super("the subscriber has gone", null, false, false);
    }
}
