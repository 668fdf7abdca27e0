package dev.ssehub.client;

import dev.ssehub.update.UpdateIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An update to publish: build one with {@link #to(String, String...)}. Its id is fixed when it is
 * built, so every retry of the same publication names the same update and the hub stores it once.
 */
public final class Publication {

    private final List<String> topics;
    private String data = "";
    private String id = UpdateIds.next();
    private String type;
    private Long retry;
    private boolean isPrivate;

    private Publication(List<String> topics) {
        this.topics = topics;
    }

    public static Publication to(String topic, String... alternates) {
        List<String> topics = new ArrayList<>();
        topics.add(Objects.requireNonNull(topic, "topic"));
        topics.addAll(List.of(alternates));
        return new Publication(List.copyOf(topics));
    }

    public Publication data(String data) {
        this.data = Objects.requireNonNull(data, "data");
        return this;
    }

    public Publication id(String id) {
        this.id = Objects.requireNonNull(id, "id");
        return this;
    }

    public Publication type(String type) {
        this.type = type;
        return this;
    }

    public Publication retry(long millis) {
        this.retry = millis;
        return this;
    }

    public Publication privately() {
        this.isPrivate = true;
        return this;
    }

    public List<String> topics() {
        return topics;
    }

    public String data() {
        return data;
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public Long retry() {
        return retry;
    }

    public boolean isPrivate() {
        return isPrivate;
    }
}
