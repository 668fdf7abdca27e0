package dev.ssehub.log;

/** The log cannot take the update now (disk full, store unreachable); the publisher may retry. */
public final class LogUnavailableException extends RuntimeException {

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
