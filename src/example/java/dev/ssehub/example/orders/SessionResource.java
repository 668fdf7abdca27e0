package dev.ssehub.example.orders;

import dev.ssehub.embed.SubscriberTokens;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;

/**
 * Logs a customer in, as far as this example needs: by name, with no password. Login is where the
 * browser gets its hub token, as the {@code mercureAuthorization} cookie that the hub reads: it may
 * receive the private updates of this customer's orders, and of no one else's.
 */
@Path("session")
@RequestScoped
public class SessionResource {

    static final String CUSTOMER_COOKIE = "customer";
    private static final Duration SESSION = Duration.ofHours(8);

    @Inject
    SubscriberTokens tokens;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response logIn(@FormParam("customer") String customer) {
        if (customer == null || !customer.matches("[a-z]{1,32}")) {
            throw new BadRequestException("a customer name is 1 to 32 letters a-z");
        }
        String topics = CustomerTopics.everyOrderOf(customer);
        String token = tokens.mint(SESSION, List.of(topics));
        return Response.ok(Json.createObjectBuilder().add("customer", customer).add("topics", topics).build().toString())
                .cookie(cookie(CUSTOMER_COOKIE, customer), cookie(SubscriberTokens.COOKIE, token))
                .build();
    }

    private static NewCookie cookie(String name, String value) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge((int) SESSION.toSeconds())
                .httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
