package dev.ssehub.example.orders;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The logged-in customer's orders. */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    @Inject
    Orders orders;

    @CookieParam(SessionResource.CUSTOMER_COOKIE)
    String customer;

    @GET
    public String list() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        orders.of(loggedIn()).forEach(order -> list.add(order.toJson()));
        return list.build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response place(@FormParam("item") String item, @FormParam("quantity") int quantity) {
        String customer = loggedIn();
        if (item == null || item.isBlank() || quantity < 1) {
            throw new BadRequestException("an item and a quantity of at least 1 are needed");
        }
        try {
            return Response.status(Response.Status.CREATED).entity(orders.place(customer, item.strip(), quantity).toJson().toString()).build();
        } catch (OutOfStockException e) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(Json.createObjectBuilder().add("error", e.getMessage()).build().toString()).build();
        }
    }

    @PUT
    @Path("{id}/status")
    @Consumes(MediaType.TEXT_PLAIN)
    public String changeStatus(@PathParam("id") long id, String status) {
        Order order = orders.changeStatus(id, loggedIn(), status.strip());
        if (order == null) {
            throw new NotFoundException();
        }
        return order.toJson().toString();
    }

    private String loggedIn() {
        if (customer == null || customer.isBlank()) {
            throw new NotAuthorizedException("log in first", "Cookie");
        }
        return customer;
    }
}
