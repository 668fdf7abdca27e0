package dev.ssehub.topic;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable set of topic selectors: a subscription's {@code topic} parameters, or the
 * {@code mercure.publish} / {@code mercure.subscribe} claim of a token.
 */
public final class SelectorSet {

    private static final SelectorSet EMPTY = new SelectorSet(Set.of());

    private final Set<TopicSelector> selectors;
    private final Set<String> exactTopics;
    private final List<TopicSelector> patterns;

    private SelectorSet(Set<TopicSelector> selectors) {
        this.selectors = selectors;
        this.exactTopics = selectors.stream().filter(TopicSelector::isExact).map(TopicSelector::text).collect(Collectors.toUnmodifiableSet());
        this.patterns = selectors.stream().filter(selector -> !selector.isExact()).toList();
    }

    public static SelectorSet of(Collection<String> texts) {
        if (texts.isEmpty()) {
            return EMPTY;
        }
        Set<TopicSelector> selectors = new LinkedHashSet<>();
        for (String text : texts) {
            selectors.add(TopicSelector.of(text));
        }
        return new SelectorSet(Set.copyOf(selectors));
    }

    public static SelectorSet of(String... texts) {
        return of(List.of(texts));
    }

    public static SelectorSet empty() {
        return EMPTY;
    }

    /** The number of distinct selectors. */
    public int size() {
        return selectors.size();
    }

    public boolean isEmpty() {
        return selectors.isEmpty();
    }

    /** Every selector's text once, sorted. */
    public List<String> texts() {
        return selectors.stream().map(TopicSelector::text).sorted().toList();
    }

    /** The exact-topic selectors, which an index can find by hash lookup. */
    public Set<String> exactTopics() {
        return exactTopics;
    }

    /** True when some selector is {@code *} or a template, so matching cannot be done by lookup alone. */
    public boolean hasPatterns() {
        return !patterns.isEmpty();
    }

    public boolean matches(String topic) {
        if (exactTopics.contains(topic)) {
            return true;
        }
        for (TopicSelector selector : patterns) {
            if (selector.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** True when any of the topics is matched by any selector. */
    public boolean matchesAny(Collection<String> topics) {
        for (String topic : topics) {
            if (matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** True when every topic is matched by some selector. */
    public boolean matchesAll(Collection<String> topics) {
        for (String topic : topics) {
            if (!matches(topic)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SelectorSet set && set.selectors.equals(selectors);
    }

    @Override
    public int hashCode() {
        return selectors.hashCode();
    }

    @Override
    public String toString() {
        return selectors.stream().map(TopicSelector::text).sorted().collect(Collectors.joining(" ", "[", "]"));
    }
}
