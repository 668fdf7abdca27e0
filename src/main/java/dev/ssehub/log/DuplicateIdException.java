package dev.ssehub.log;

/** An update id that the log already holds for a different update. */
public final class DuplicateIdException extends RuntimeException {

    public DuplicateIdException(String id) {
        super("an update with id '" + id + "' was already published with different content");
    }
}
