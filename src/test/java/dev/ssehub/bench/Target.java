package dev.ssehub.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A server the bench measures: our hub in its deployments, or a peer that does the same job. */
enum Target {

    /** The standalone hub with its own stream adapter. */
    HUB("hub"),
    /** The standalone hub writing its streams through the portable JAX-RS {@code SseEventSink} ({@code SSEHUB_STREAMS=jaxrs}). */
    HUB_JAXRS("hub-jaxrs"),
    /** The WAR on Open Liberty. */
    LIBERTY("liberty"),
    /** Nchan on nginx: the peer every figure of ours is set against. */
    NCHAN("nchan");

    final String label;

    Target(String label) {
        this.label = label;
    }

    /** False only for the peer. */
    boolean isOurs() {
        return this != NCHAN;
    }

    /** The options that point the load generator at this target's subscribe and publish URLs for one topic. */
    List<String> generatorOptions(String topic) {
        if (this == NCHAN) {
            String channel = NchanConfig.CHANNEL_PREFIX + topic;
            return List.of("--subscribe-path", channel, "--publish-path", channel, "--publish-format", "raw");
        }
        return List.of("--subscribe-path", "/.well-known/mercure?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8),
                "--publish-path", "/.well-known/mercure", "--publish-format", "form");
    }

    /** Targets named in a comma-separated list, in its order; every target when the list is empty. */
    static List<Target> parse(String list) {
        if (list == null || list.isBlank()) {
            return List.of(values());
        }
        List<Target> targets = new ArrayList<>();
        for (String name : list.split(",")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            Target target = Arrays.stream(values()).filter(t -> t.label.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown target '" + name.strip() + "'; the targets are "
                            + Arrays.stream(values()).map(t -> t.label).collect(Collectors.joining(", "))));
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
        return targets;
    }
}
