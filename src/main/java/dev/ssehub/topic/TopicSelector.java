package dev.ssehub.topic;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One Mercure topic selector: {@code *}, an exact topic, or an RFC 6570 URI template. A selector
 * that contains a brace but is not a valid template matches only itself, as the spec's rules say.
 */
public final class TopicSelector {

    private static final String ANY = "*";
    /** Bounds the per-selector match cache so hostile topic streams cannot grow it without end. */
    private static final int MATCH_CACHE_LIMIT = 4096;

    private final String text;
    private final Pattern template;
    private final Map<String, Boolean> matchCache;

    private TopicSelector(String text, Pattern template) {
        this.text = text;
        this.template = template;
        this.matchCache = template == null ? null : new ConcurrentHashMap<>();
    }

    public static TopicSelector of(String text) {
        if (text.indexOf('{') < 0) {
            return new TopicSelector(text, null);
        }
        Optional<Pattern> compiled = UriTemplatePattern.compile(text);
        return new TopicSelector(text, compiled.orElse(null));
    }

    public String text() {
        return text;
    }

    public boolean isAny() {
        return ANY.equals(text);
    }

    /** True when only equality can match: such selectors are found by hash lookup. */
    public boolean isExact() {
        return template == null && !isAny();
    }

    public boolean matches(String topic) {
        if (isAny() || text.equals(topic)) {
            return true;
        }
        if (template == null) {
            return false;
        }
        Boolean cached = matchCache.get(topic);
        if (cached != null) {
            return cached;
        }
        boolean matched = template.matcher(topic).matches();
        if (matchCache.size() >= MATCH_CACHE_LIMIT) {
            matchCache.clear();
        }
        matchCache.put(topic, matched);
        return matched;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicSelector selector && selector.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
