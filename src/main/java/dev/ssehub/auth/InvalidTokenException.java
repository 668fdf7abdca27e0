package dev.ssehub.auth;

/** A token that is malformed, badly signed, expired, or whose claims have the wrong shape. */
public final class InvalidTokenException extends Exception {

    public InvalidTokenException(String reason) {
        super(reason);
    }
}
