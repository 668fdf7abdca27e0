package dev.ssehub.http;

import dev.ssehub.auth.TokenIssuer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generates malformed and hostile requests as raw bytes, each invalid on purpose, so that the only
 * right answer is a refusal. Requests are built as Latin-1 strings, one char per byte on the wire,
 * which lets them hold broken UTF-8, NUL, lone CR and anything else a real client would not send.
 */
final class HostileRequests {

    enum Category { FORM, BROKEN_UTF8, CONTROL_CHARS_IN_HEADERS, TOKEN, LAST_EVENT_ID, CORS_PREFLIGHT, PATH_AND_METHOD, HTTP_FRAMING, REQUEST_LINE }

    /** What the hub must answer. */
    enum Expectation {
        /** A 4xx application/problem+json. */
        PROBLEM,
        /** A 4xx from the HTTP layer, which may come before the application and carry no body. */
        REFUSAL,
        /** The one valid answer a hostile value may get: a stream replayed from the start, as for any unknown id. */
        STREAM_FROM_EARLIEST,
        /** A 505 application/problem+json: RFC 9110's answer to a major HTTP version other than 1, the one 5xx a client may cause. */
        VERSION_PROBLEM
    }

    /**
     * @param parserSees true when the defect is one an HTTP parser sees before any application does (a
     *                   control character in a header, bytes a request target may not hold, a method
     *                   in lower case): a server whose parser is not the hub's may answer it its own way
     */
    record Request(Category category, String defect, String wire, boolean head, Expectation expectation, boolean parserSees) {

        Request(Category category, String defect, String wire, boolean head, Expectation expectation) {
            this(category, defect, wire, head, expectation, false);
        }

        byte[] bytes() {
            return wire.getBytes(StandardCharsets.ISO_8859_1);
        }

        /** The request with every byte outside printable ASCII escaped, cut short, for a failure message. */
        String printable() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < Math.min(wire.length(), 600); i++) {
                char c = wire.charAt(i);
                out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
            }
            return wire.length() > 600 ? out + "...(" + wire.length() + " bytes)" : out.toString();
        }
    }

    private static final String HUB = "/.well-known/mercure";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final String[] BROKEN_UTF8 = {"\u00ff", "\u00c3(", "\u00e2\u0082", "\u00ed\u00a0\u0080", "\u00c0\u00af", "\u00f8\u0088\u0080\u0080\u0080", "\u0080", "%FF", "%C3%28", "%E2%82", "%ED%A0%80", "%C0%AF"};
    private static final String[] CONTROL = {"\0", "\r", "\u0001", "\u007f", "\u00ff", "\u001b[2J"};
    /** What only the HTTP parser handles: the request line and the message's framing. */
    private static final Set<Category> PARSING = Set.of(Category.REQUEST_LINE, Category.HTTP_FRAMING);

    private final String listedOrigin;
    private final String smuggledTopic;
    private final long maxBody;
    private final int historySize;
    private final Category[] categories;
    private final Supplier<List<String>> publishedIds;
    private final String fullToken;
    private final String narrowToken;
    private final String claimlessToken;
    private final List<String> invalidTokens;

    /**
     * @param issuer        mints tokens with the hub's key, so that only the defect under test is wrong
     * @param smuggledTopic  where requests hidden in the body of another would publish, should one ever be served
     * @param historySize  the updates the hub keeps: a forged republication takes an id it still has
     * @param publishedIds  ids of updates the legitimate publisher got in, for forged republications; never empty
     * @param parsing       whether to send what only the HTTP parser handles (malformed request lines and
     *                      framing): the hub's own on Grizzly, the server's in a WAR
     */
    HostileRequests(TokenIssuer issuer, String key, String listedOrigin, String smuggledTopic, long maxBody, int historySize,
                    Supplier<List<String>> publishedIds, boolean parsing) {
        this.listedOrigin = listedOrigin;
        this.smuggledTopic = smuggledTopic;
        this.maxBody = maxBody;
        this.historySize = historySize;
        this.categories = Arrays.stream(Category.values()).filter(category -> parsing || !PARSING.contains(category)).toArray(Category[]::new);
        this.publishedIds = publishedIds;
        this.fullToken = issuer.issue(List.of("*"), List.of("*"), Duration.ofHours(1));
        this.narrowToken = issuer.issue(List.of("fuzz/allowed"), List.of(), Duration.ofHours(1));
        this.claimlessToken = issuer.issue(List.of(), List.of(), Duration.ofHours(1));
        String grantAll = "{\"mercure\":{\"publish\":[\"*\"],\"subscribe\":[\"*\"]}}";
        String[] full = fullToken.split("\\.");
        this.invalidTokens = List.of(
                new TokenIssuer("another-secret-that-is-long-enough-for-hs256").issue(List.of("*"), List.of("*"), Duration.ofHours(1)),
                full[0] + "." + base64url(grantAll.replace("*", "fuzz/*")) + "." + full[2],
                base64url("{\"alg\":\"none\"}") + "." + base64url(grantAll) + ".",
                base64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64url(grantAll) + "." + full[2],
                issuer.issue(List.of("*"), List.of("*"), Duration.ofHours(-1)),
                signed("{\"alg\":\"HS256\"}", "{\"mercure\":{\"publish\":\"*\",\"subscribe\":\"*\"}}", key),
                signed("{\"alg\":\"HS256\"}", "{\"mercure\":{\"publish\":[\"*\"]},\"exp\":\"soon\"}", key),
                signed("{\"alg\":\"RS256\"}", grantAll, key),
                signed("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", grantAll, key),
                full[0] + "." + full[1],
                fullToken + ".",
                fullToken.substring(0, fullToken.length() - 2));
    }

    Request next(Random random) {
        Category category = categories[random.nextInt(categories.length)];
        return switch (category) {
            case FORM -> form(random, false);
            case BROKEN_UTF8 -> random.nextInt(3) > 0 ? form(random, true) : brokenUtf8InTarget(random);
            case CONTROL_CHARS_IN_HEADERS -> controlCharsInHeaders(random);
            case TOKEN -> token(random);
            case LAST_EVENT_ID -> lastEventId(random);
            case CORS_PREFLIGHT -> corsPreflight(random);
            case PATH_AND_METHOD -> pathAndMethod(random);
            case HTTP_FRAMING -> httpFraming(random);
            case REQUEST_LINE -> requestLine(random);
        };
    }

    private Request form(Random random, boolean brokenUtf8) {
        Category category = brokenUtf8 ? Category.BROKEN_UTF8 : Category.FORM;
        List<String> fields = new ArrayList<>();
        String token = fullToken;
        String contentType = FORM_TYPE;
        String topic = "fuzz/" + word(random) + (brokenUtf8 ? pick(random, BROKEN_UTF8) : "");
        String[] defects = brokenUtf8
                ? new String[] {"no topic", "empty topic", "topic outside the claim", "id starting with #", "bad retry"}
                : new String[] {"no topic", "empty topic", "topic outside the claim", "id starting with #", "id with CR, LF or NUL",
                        "id too long", "type with CR, LF or NUL", "bad retry", "body too large", "wrong content type", "unknown charset",
                        "forged republication", "bad percent escape"};
        String defect = pick(random, defects);
        switch (defect) {
            case "no topic" -> { }
            case "empty topic" -> {
                fields.add("topic=" + (random.nextBoolean() ? topic : ""));
                fields.add("topic=");
            }
            case "topic outside the claim" -> {
                token = narrowToken;
                fields.add("topic=fuzz/allowed");
                fields.add("topic=fuzz/allowed");
                fields.add("topic=" + topic);
            }
            default -> fields.add("topic=" + topic);
        }
        switch (defect) {
            case "id starting with #" -> fields.add("id=" + pick(random, "#", "%23") + word(random));
            case "id with CR, LF or NUL" -> fields.add("id=" + word(random) + pick(random, "%0D", "%0A", "%00", "%0D%0Aevent:%20x") + word(random));
            case "id too long" -> fields.add("id=" + "i".repeat(1025 + random.nextInt(3000)));
            case "type with CR, LF or NUL" -> fields.add("type=" + word(random) + pick(random, "%0D", "%0A", "%00", "%0A%0Adata:%20injected"));
            case "bad retry" -> fields.add("retry=" + pick(random, "-1", "abc", "1.5", "99999999999999999999", "%201", "0x10", "1e3", "%E2%88%9E"));
            case "wrong content type" -> contentType = pick(random, "text/plain", "application/json", "multipart/form-data; boundary=x", "application/octet-stream", "text/*");
            case "unknown charset" -> contentType = FORM_TYPE + "; charset=" + pick(random, "bogus", "utf-9", "\"\"", "x-" + word(random));
            case "forged republication" -> {
                // One draw whatever the list's size, so that a seed replays the same sequence; among ids the history still holds.
                List<String> all = publishedIds.get();
                List<String> kept = all.subList(Math.max(0, all.size() - Math.max(1, historySize / 2)), all.size());
                fields.add("id=" + URLEncoder.encode(kept.get(Math.floorMod(random.nextInt(), kept.size())), StandardCharsets.UTF_8));
            }
            case "bad percent escape" -> fields.add("data=" + word(random) + pick(random, "%", "%Z", "%ZZ", "%%", "%G0"));
            default -> { }
        }
        if (random.nextBoolean()) {
            fields.add("data=" + (brokenUtf8 ? pick(random, BROKEN_UTF8) + word(random) + pick(random, BROKEN_UTF8) : "forged-" + word(random)));
        }
        if (random.nextInt(4) == 0) {
            fields.add(pick(random, "private=on", "private=", "x" + word(random) + "=" + word(random), "&&", "=", "=x"));
        }
        Collections.shuffle(fields, random);
        String body = String.join("&", fields);
        if (defect.equals("body too large")) {
            body = body + "&data=" + "d".repeat((int) maxBody + 1 + random.nextInt((int) maxBody));
            boolean chunked = random.nextBoolean();
            return new Request(category, defect + (chunked ? " (chunked)" : ""), post(HUB, contentType, bearer(token), body, chunked), false, Expectation.PROBLEM);
        }
        return new Request(category, defect, post(HUB, contentType, bearer(token), body, false), false, Expectation.PROBLEM);
    }

    private Request brokenUtf8InTarget(Random random) {
        String broken = pick(random, BROKEN_UTF8);
        if (random.nextBoolean()) {
            return new Request(Category.BROKEN_UTF8, "broken UTF-8 in an unknown path",
                    get("/fuzz-" + word(random) + broken, ""), false, Expectation.PROBLEM, true);
        }
        String target = HUB + "?topic=fuzz/" + word(random) + broken + "&authorization=" + percentEncoded(pick(random, invalidTokens)) + broken;
        return new Request(Category.BROKEN_UTF8, "broken UTF-8 in the query, with a refused token", get(target, ""), false, Expectation.PROBLEM);
    }

    private Request controlCharsInHeaders(Random random) {
        String control = pick(random, CONTROL);
        return switch (random.nextInt(5)) {
            case 0 -> new Request(Category.CONTROL_CHARS_IN_HEADERS, "NUL or CR in Last-Event-ID",
                    get(HUB + "?topic=fuzz/" + word(random), "Last-Event-ID: " + word(random) + pick(random, "\0", "\r") + word(random) + "\r\n"),
                    false, Expectation.PROBLEM, true);
            case 1 -> new Request(Category.CONTROL_CHARS_IN_HEADERS, "control character in the bearer token",
                    post(HUB, FORM_TYPE, "Authorization: Bearer " + insert(random, fullToken, control) + "\r\n", "topic=fuzz/" + word(random), false),
                    false, Expectation.PROBLEM, true);
            case 2 -> new Request(Category.CONTROL_CHARS_IN_HEADERS, "control characters in other headers, no topic",
                    get(HUB, pick(random, "User-Agent", "Accept-Language", "X-" + word(random), "Cache-Control") + ": " + word(random) + control + word(random)
                            + pick(random, "\r\n", "\nX-After-Bare-LF: 1\r\n", "\r\n folded" + control + "\r\n")),
                    false, Expectation.PROBLEM, true);
            case 3 -> new Request(Category.CONTROL_CHARS_IN_HEADERS, "control character in Origin",
                    options(HUB, "Origin: https://app" + control + ".example.com\r\nAccess-Control-Request-Method: POST\r\n"), false, Expectation.PROBLEM, true);
            default -> new Request(Category.CONTROL_CHARS_IN_HEADERS, "folded Authorization, no topic",
                    post(HUB, FORM_TYPE, "Authorization: Bearer " + fullToken + "\r\n " + word(random) + control + "\r\n", "data=x", false),
                    false, Expectation.PROBLEM, true);
        };
    }

    private Request token(Random random) {
        String invalid = random.nextInt(4) == 0 ? garbageToken(random) : pick(random, invalidTokens);
        String publishForm = "topic=fuzz/" + word(random) + "&data=" + word(random);
        String subscribe = HUB + "?topic=fuzz/" + word(random);
        return switch (random.nextInt(11)) {
            case 0 -> new Request(Category.TOKEN, "refused token in the header, publishing",
                    post(HUB, FORM_TYPE, bearer(invalid), publishForm, false), false, Expectation.PROBLEM);
            case 1 -> new Request(Category.TOKEN, "refused token in the query, publishing",
                    post(HUB + "?authorization=" + percentEncoded(invalid), FORM_TYPE, "", publishForm, false), false, Expectation.PROBLEM);
            case 2 -> new Request(Category.TOKEN, "refused token in the cookie, publishing from a listed origin",
                    post(HUB, FORM_TYPE, "Origin: " + listedOrigin + "\r\nCookie: mercureAuthorization=" + cookieSafe(invalid) + "\r\n", publishForm, false),
                    false, Expectation.PROBLEM);
            case 3 -> new Request(Category.TOKEN, "valid cookie token from a foreign origin or none",
                    post(HUB, FORM_TYPE, pick(random, "Origin: https://evil.example\r\n", "Referer: https://evil.example/page\r\n", "Origin: null\r\n", "")
                            + "Cookie: mercureAuthorization=" + fullToken + "\r\n", publishForm, false), false, Expectation.PROBLEM);
            case 4 -> new Request(Category.TOKEN, "token without the right claim",
                    post(HUB, FORM_TYPE, bearer(pick(random, claimlessToken, narrowToken)), publishForm, false), false, Expectation.PROBLEM);
            case 5 -> new Request(Category.TOKEN, "not a bearer Authorization",
                    post(HUB, FORM_TYPE, "Authorization: " + pick(random, "Basic dXNlcjpwYXNz", "bearer " + fullToken, "Bearer", "Token " + fullToken, "Bearer\t" + fullToken) + "\r\n",
                            publishForm, false), false, Expectation.PROBLEM);
            case 6 -> new Request(Category.TOKEN, "two Authorization headers",
                    post(HUB, FORM_TYPE, bearer(fullToken) + bearer(pick(random, fullToken, invalid)), publishForm, false), false, Expectation.PROBLEM);
            case 7 -> new Request(Category.TOKEN, "refused token in the header, subscribing", get(subscribe, bearer(invalid)), false, Expectation.PROBLEM);
            case 8 -> new Request(Category.TOKEN, "refused token in the query, subscribing",
                    get(subscribe + "&authorization=" + percentEncoded(invalid), ""), false, Expectation.PROBLEM);
            case 9 -> new Request(Category.TOKEN, "refused token in the cookie, subscribing",
                    get(subscribe, "Cookie: mercureAuthorization=" + cookieSafe(invalid) + "\r\n"), false, Expectation.PROBLEM);
            default -> new Request(Category.TOKEN, "no token, publishing", post(HUB, FORM_TYPE, "", publishForm, false), false, Expectation.PROBLEM);
        };
    }

    private Request lastEventId(Random random) {
        String subscribe = HUB + "?topic=fuzz/none/" + word(random);
        return switch (random.nextInt(6)) {
            case 0 -> new Request(Category.LAST_EVENT_ID, "huge Last-Event-ID header",
                    get(subscribe, "Last-Event-ID: " + "x".repeat(1025 + random.nextInt(8000)) + "\r\n"), false, Expectation.PROBLEM);
            case 1 -> new Request(Category.LAST_EVENT_ID, "huge lastEventID query",
                    get(subscribe + "&lastEventID=" + "%41".repeat(1025 + random.nextInt(3000)), ""), false, Expectation.PROBLEM);
            case 2 -> new Request(Category.LAST_EVENT_ID, "CR, LF or NUL in the lastEventID query",
                    get(subscribe + "&lastEventID=" + word(random) + pick(random, "%0D", "%0A", "%00", "%0D%0Aid:%20x") + word(random), ""), false, Expectation.PROBLEM);
            case 3 -> new Request(Category.LAST_EVENT_ID, "NUL in the Last-Event-ID header",
                    get(subscribe, "Last-Event-ID: " + pick(random, "\0", word(random) + "\0") + word(random) + "\r\n"), false, Expectation.PROBLEM);
            case 4 -> new Request(Category.LAST_EVENT_ID, "header wins over a valid query, and is too long",
                    get(subscribe + "&lastEventID=earliest", "Last-Event-ID: " + "y".repeat(1025 + random.nextInt(500)) + "\r\n"), false, Expectation.PROBLEM);
            default -> random.nextInt(4) == 0
                    ? new Request(Category.LAST_EVENT_ID, "unknown Last-Event-ID",
                            get(subscribe, "Last-Event-ID: " + pick(random, "urn:uuid:" + new UUID(random.nextLong(), random.nextLong()), "\u0001" + word(random), "\u00ff\u00fe", "earliest!", "-1") + "\r\n"),
                            false, Expectation.STREAM_FROM_EARLIEST)
                    : new Request(Category.LAST_EVENT_ID, "unknown Last-Event-ID with a refused token",
                            get(subscribe, "Last-Event-ID: urn:uuid:" + new UUID(random.nextLong(), random.nextLong()) + "\r\n" + bearer(pick(random, invalidTokens))), false, Expectation.PROBLEM);
        };
    }

    private Request corsPreflight(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> new Request(Category.CORS_PREFLIGHT, "unknown origin",
                    options(pick(random, HUB, "/healthz", "/fuzz-" + word(random)), "Origin: " + pick(random, "https://evil.example", "null", "http://" + word(random) + ".example",
                            listedOrigin + ".evil.example", listedOrigin.replace("https", "http"), "https://" + "a".repeat(2000) + ".example")
                            + "\r\nAccess-Control-Request-Method: " + pick(random, "GET", "POST") + "\r\n"), false, Expectation.PROBLEM);
            case 1 -> new Request(Category.CORS_PREFLIGHT, "method the hub does not take",
                    options(HUB, "Origin: " + listedOrigin + "\r\nAccess-Control-Request-Method: "
                            + pick(random, "DELETE", "PUT", "PATCH", "TRACE", "CONNECT", "G\u0001T", word(random) + "X") + "\r\n"), false, Expectation.PROBLEM);
            default -> new Request(Category.CORS_PREFLIGHT, "header the hub does not take",
                    options(HUB, "Origin: " + listedOrigin + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, "
                            + pick(random, "x-" + word(random), "cookie", "content-type, x-evil", "\u00ff", "last-event-id;") + "\r\n"), false, Expectation.PROBLEM);
        };
    }

    private Request pathAndMethod(Random random) {
        String unknownPath = pick(random, "/fuzz-" + word(random), HUB + "/" + word(random), "/healthz/" + word(random), "/" + word(random) + "/%00",
                "/" + "p".repeat(1000 + random.nextInt(9000)), "//" + word(random), "/demo/" + word(random), "/%2e%2e%2f" + word(random));
        boolean encodingParserSees = unknownPath.contains("%00") || unknownPath.contains("%2e");
        return switch (random.nextInt(4)) {
            case 0 -> new Request(Category.PATH_AND_METHOD, "unknown path", get(unknownPath, ""), false, Expectation.PROBLEM, encodingParserSees);
            case 1 -> new Request(Category.PATH_AND_METHOD, "HEAD of an unknown path", request("HEAD", unknownPath, "", null, false), true,
                    Expectation.PROBLEM, encodingParserSees);
            case 2 -> new Request(Category.PATH_AND_METHOD, "OPTIONS or POST of an unknown path",
                    request(pick(random, "OPTIONS", "POST"), unknownPath, "", pick(random, null, "topic=x"), false), false, Expectation.PROBLEM,
                    encodingParserSees);
            default -> {
                String method = pick(random, "PUT", "DELETE", "PATCH", "TRACE", "FOO", "get", "PROPFIND", "M-SEARCH");
                yield new Request(Category.PATH_AND_METHOD, "method the hub does not serve",
                        request(method, pick(random, HUB, "/healthz", "/"), "", pick(random, null, "topic=x&data=y"), false), false,
                        Expectation.PROBLEM, method.equals("get"));
            }
        };
    }

    private Request httpFraming(Random random) {
        String head = "POST " + HUB + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + bearer(fullToken) + "Content-Type: " + FORM_TYPE + "\r\n";
        if (random.nextInt(6) == 0) {
            String publish = "topic=" + smuggledTopic + "&data=smuggled";
            String smuggled = "POST " + HUB + " HTTP/1.1\r\nHost: localhost\r\n" + bearer(fullToken) + "Content-Type: " + FORM_TYPE
                    + "\r\nContent-Length: " + publish.length() + "\r\n\r\n" + publish;
            String carrier = pick(random, "TRACE /", "DELETE " + HUB, "GET " + HUB, "HEAD " + HUB + "/x", "OPTIONS /x", "PATCH " + HUB);
            return new Request(Category.HTTP_FRAMING, "publish smuggled in the body of " + carrier.split(" ")[0],
                    carrier + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled,
                    carrier.startsWith("HEAD"), Expectation.REFUSAL);
        }
        String wire = switch (random.nextInt(5)) {
            case 0 -> head + "Content-Length: " + pick(random, "-1", "abc", "99999999999999999999", "1 2", "0x10") + "\r\n\r\ntopic=x";
            case 1 -> head + "Content-Length: 7\r\nContent-Length: " + (8 + random.nextInt(10)) + "\r\n\r\ntopic=x";
            case 2 -> head + "Transfer-Encoding: chunked\r\n\r\n" + pick(random, "zz", "-1", "ffffffffffffffffff", "7;\u0000") + "\r\ntopic=x\r\n0\r\n\r\n";
            case 3 -> "GET " + HUB + "?topic=fuzz/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: " + "h".repeat(270_000 + random.nextInt(10_000)) + "\r\n\r\n";
            default -> head + "Transfer-Encoding: " + pick(random, "gzip", "chunked, identity", "identity") + "\r\n\r\ntopic=x";
        };
        return new Request(Category.HTTP_FRAMING, "broken message framing", wire, false, Expectation.REFUSAL);
    }

    private Request requestLine(Random random) {
        String target = pick(random, HUB + "?topic=fuzz/" + word(random), "/healthz", "/fuzz-" + word(random));
        String rest = "\r\nHost: localhost\r\n\r\n";
        if (random.nextInt(4) == 0) {
            return new Request(Category.REQUEST_LINE, "major version other than 1",
                    "GET " + target + " HTTP/" + pick(random, "0", "2", "3", "9") + "." + random.nextInt(10) + rest, false, Expectation.VERSION_PROBLEM);
        }
        return switch (random.nextInt(4)) {
            case 0 -> new Request(Category.REQUEST_LINE, "request line without a space",
                    pick(random, "GARBAGE", "GET", word(random).toUpperCase(Locale.ROOT), "GET/healthz") + pick(random, "\r\n\r\n", "\n\n", rest), false, Expectation.PROBLEM);
            case 1 -> new Request(Category.REQUEST_LINE, "request line without a version", "GET " + target + rest, false, Expectation.PROBLEM);
            case 2 -> new Request(Category.REQUEST_LINE, "junk after the version",
                    "GET " + target + " HTTP/1.1" + pick(random, " ", " junk", "x", "\u0000", "\rX", " HTTP/1.1") + rest, false, Expectation.PROBLEM);
            default -> new Request(Category.REQUEST_LINE, "version outside HTTP/digit.digit",
                    "GET " + target + " " + pick(random, "http/1.1", "HTTP/11", "HTTP/1", "HTTP/1.10", "HTTP/x.y", "HTTPS/1.1", "HTTP/\u00b9.1", "FOO") + rest, false, Expectation.PROBLEM);
        };
    }

    private static String get(String target, String headers) {
        return request("GET", target, headers, null, false);
    }

    private static String options(String target, String headers) {
        return request("OPTIONS", target, headers, null, false);
    }

    private static String post(String target, String contentType, String headers, String body, boolean chunked) {
        return request("POST", target, "Content-Type: " + contentType + "\r\n" + headers, body, chunked);
    }

    /** A request with Host and the given header lines (each ending in CRLF); a large or chunked body closes the connection. */
    private static String request(String method, String target, String headers, String body, boolean chunked) {
        StringBuilder wire = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n").append(headers);
        if (body == null) {
            return wire.append("\r\n").toString();
        }
        String latin1Body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        if (latin1Body.length() > 8192) {
            wire.append("Connection: close\r\n");
        }
        if (!chunked) {
            return wire.append("Content-Length: ").append(latin1Body.length()).append("\r\n\r\n").append(latin1Body).toString();
        }
        wire.append("Transfer-Encoding: chunked\r\n\r\n");
        for (int start = 0; start < latin1Body.length(); start += 8192) {
            String chunk = latin1Body.substring(start, Math.min(latin1Body.length(), start + 8192));
            wire.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return wire.append("0\r\n\r\n").toString();
    }

    private static String bearer(String token) {
        return "Authorization: Bearer " + token + "\r\n";
    }

    private static String garbageToken(Random random) {
        StringBuilder token = new StringBuilder("g");
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            token.append(random.nextInt(5) == 0 ? '.' : (char) (0x21 + random.nextInt(0xff - 0x21)));
        }
        return token.toString();
    }

    /** Cookie syntax stops a value at ';', ',', quotes and spaces; outside the base64url alphabet the token would be cut, not refused. */
    private static String cookieSafe(String token) {
        return token.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Percent-encodes the token's characters as UTF-8, so a query can carry any of them. */
    private static String percentEncoded(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** Inserts strictly inside the text: at either end, trimming would take the characters off again. */
    private static String insert(Random random, String text, String inserted) {
        int at = 1 + random.nextInt(text.length() - 1);
        return text.substring(0, at) + inserted + text.substring(at);
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(String header, String claims, String key) {
        String input = base64url(header) + "." + base64url(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
