package dev.ssehub.cli;

import dev.ssehub.client.HubPublisher;
import dev.ssehub.client.Publication;
import dev.ssehub.client.PublishException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ssehub publish}: one update; prints its id. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish one update and print its id.")
final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HubOptions hub;

    @Option(names = "--topic", required = true, paramLabel = "<topic>", description = "a topic; repeat for alternates (the first is canonical)")
    List<String> topics;

    @Option(names = "--data", paramLabel = "<data>", defaultValue = "", description = "the payload; - reads it from standard input")
    String data;

    @Option(names = "--type", paramLabel = "<type>", description = "the event type")
    String type;

    @Option(names = "--id", paramLabel = "<id>", description = "the update's id (default: a new urn:uuid)")
    String id;

    @Option(names = "--private", description = "deliver only to subscribers authorized for the topic")
    boolean isPrivate;

    @Option(names = "--retry", paramLabel = "<ms>", description = "the reconnection delay to suggest to subscribers")
    Long retry;

    @Override
    public Integer call() throws IOException {
        String token = hub.token(topics, List.of());
        if (token == null) {
            throw new ParameterException(spec.commandLine(), "publishing needs --token or --jwt-key");
        }
        Publication publication = Publication.to(topics.get(0), topics.subList(1, topics.size()).toArray(String[]::new))
                .data("-".equals(data) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : data);
        if (id != null) {
            publication.id(id);
        }
        if (type != null) {
            publication.type(type);
        }
        if (retry != null) {
            publication.retry(retry);
        }
        if (isPrivate) {
            publication.privately();
        }
        Client client = ClientBuilder.newClient();
        try {
            spec.commandLine().getOut().println(new HubPublisher(client, hub.hub, token).publish(publication));
            return Cli.EXIT_OK;
        } catch (PublishException e) {
            spec.commandLine().getErr().println("ssehub: " + e.getMessage());
            return Cli.EXIT_FAILURE;
        } finally {
            client.close();
        }
    }
}
