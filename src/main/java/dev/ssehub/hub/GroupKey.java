package dev.ssehub.hub;

import dev.ssehub.topic.SelectorSet;

/**
 * What makes subscribers interchangeable for fan-out: the same selectors and the same rights to
 * private updates. All subscribers with one key share one broadcaster and one match per update.
 */
record GroupKey(SelectorSet selectors, SelectorSet privateRights) {

    boolean accepts(dev.ssehub.update.Update update) {
        return selectors.matchesAny(update.topics())
                && (!update.isPrivate() || privateRights.matchesAny(update.topics()));
    }
}
