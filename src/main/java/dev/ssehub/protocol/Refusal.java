package dev.ssehub.protocol;

import dev.ssehub.hub.HubClosedException;
import dev.ssehub.hub.SubscriberLimitException;
import dev.ssehub.log.LogUnavailableException;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hub's answer to a request it will not serve, the same on every runtime: a status, headers such
 * as {@code Retry-After}, and an RFC 9457 problem document whose {@code field} member names the
 * request field, parameter or header at fault. Never a stack trace.
 */
public final class Refusal extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** A full hub asks clients back after this many seconds, up to twice that, so they do not return all at once. */
    private static final int FULL_RETRY_AFTER_SECONDS = 5;

    private final int status;
    private final String field;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Refusal(int status, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static Refusal of(int status, String field, String detail) {
        return new Refusal(status, field, detail);
    }

    public static Refusal badRequest(String field, String detail) {
        return new Refusal(400, field, detail);
    }

    public static Refusal unauthorized(String field, String detail) {
        return new Refusal(401, field, detail);
    }

    public static Refusal forbidden(String field, String detail) {
        return new Refusal(403, field, detail);
    }

    /**
     * The answer to what the hub refuses for now, not for good: it is stopping, it is full, or its log
     * cannot take updates. Each is a 503 with the {@code Retry-After} that fits it.
     */
    public static Optional<Refusal> forUnavailable(Throwable exception) {
        if (exception instanceof HubClosedException) {
            return Optional.of(new Refusal(503, null, "the hub is restarting; try again shortly").header("Retry-After", "1"));
        }
        if (exception instanceof SubscriberLimitException) {
            int retryAfter = FULL_RETRY_AFTER_SECONDS + ThreadLocalRandom.current().nextInt(FULL_RETRY_AFTER_SECONDS + 1);
            return Optional.of(new Refusal(503, null, exception.getMessage()).header("Retry-After", Integer.toString(retryAfter)));
        }
        if (exception instanceof LogUnavailableException) {
            return Optional.of(new Refusal(503, null, "the hub cannot store updates right now; try again shortly").header("Retry-After", "5"));
        }
        return Optional.empty();
    }

    /** Adds a response header, such as {@code Allow} or {@code Retry-After}. */
    public Refusal header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /** The problem document. */
    public String problemJson() {
        return problemJson(status, field, getMessage());
    }

    /** A problem document, for code that refuses before a request has been read whole. */
    public static String problemJson(int status, String field, String detail) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title(status))
                .add("status", status)
                .add("detail", detail);
        if (field != null) {
            body.add("field", field);
        }
        return body.build().toString();
    }

    /** The reason phrases of RFC 9110 for the statuses the hub answers with. */
    public static String title(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Request Entity Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
