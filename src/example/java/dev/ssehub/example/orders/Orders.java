package dev.ssehub.example.orders;

import dev.ssehub.client.Publication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Places and changes orders, each in one transaction, and announces every change by firing a
 * {@link Publication}: the hub publishes it when the transaction commits, and not at all when it
 * rolls back.
 */
@ApplicationScoped
public class Orders {

    static final int STOCK_PER_ITEM = 10;

    @PersistenceContext(unitName = "orders")
    EntityManager entities;

    @Inject
    Event<Publication> changes;

    /** The stock is checked after the order is stored and announced, so that a refusal undoes both. */
    @Transactional
    public Order place(String customer, String item, int quantity) {
        Order order = new Order(customer, item, quantity);
        entities.persist(order);
        entities.flush();
        announce(order, "order-placed");
        if (quantity > STOCK_PER_ITEM) {
            throw new OutOfStockException(item, quantity);
        }
        return order;
    }

    @Transactional
    public Order changeStatus(long id, String customer, String status) {
        Order order = entities.find(Order.class, id);
        if (order == null || !order.customer().equals(customer)) {
            return null;
        }
        order.status(status);
        announce(order, "order-changed");
        return order;
    }

    public List<Order> of(String customer) {
        return entities.createQuery("select o from Order o where o.customer = :customer order by o.id", Order.class)
                .setParameter("customer", customer)
                .getResultList();
    }

    private void announce(Order order, String type) {
        changes.fire(Publication.to(order.topic()).data(order.toJson().toString()).type(type).privately());
    }
}
