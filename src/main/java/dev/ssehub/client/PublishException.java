package dev.ssehub.client;

/** The hub refused a publication, or could not be reached within the allowed attempts. */
public final class PublishException extends RuntimeException {

    private final int status;

    public PublishException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The hub's HTTP status, or 0 when it was never reached. */
    public int status() {
        return status;
    }
}
