package dev.ssehub.cli;

import dev.ssehub.client.HubSubscriber;
import dev.ssehub.client.ReceivedUpdate;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssehub subscribe}: prints each update as it arrives, reconnecting and resuming as needed. */
@Command(name = "subscribe", mixinStandardHelpOptions = true, description = "Print each update as it arrives.")
final class SubscribeCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    HubOptions hub;

    @Option(names = "--topic", required = true, paramLabel = "<selector>", description = "a topic selector: a topic, a URI template or *")
    List<String> topics;

    @Option(names = "--last-event-id", paramLabel = "<id>", description = "resume after this id; 'earliest' for the whole history")
    String lastEventId;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: each update's data; json: one object per line with id, type and data")
    Format format;

    @Option(names = "--count", paramLabel = "<n>", description = "exit after this many updates")
    Integer count;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(count == null ? 1 : count);
        HubSubscriber subscriber = HubSubscriber.to(hub.hub)
                .topics(topics.toArray(String[]::new))
                .token(hub.token(List.of(), topics))
                .startAfter(lastEventId)
                .onUpdate(update -> {
                    print(out, update);
                    if (count != null) {
                        done.countDown();
                    }
                })
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(subscriber::close));
        try (subscriber) {
            subscriber.start();
            done.await();
        }
        return Cli.EXIT_OK;
    }

    private void print(PrintWriter out, ReceivedUpdate update) {
        if (format == Format.json) {
            JsonObjectBuilder json = Json.createObjectBuilder().add("id", update.id()).add("data", update.data());
            if (update.type() != null) {
                json.add("type", update.type());
            }
            out.println(json.build());
        } else {
            out.println(update.data());
        }
        out.flush();
    }
}
