package dev.ssehub.example.orders;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An order of one item by one customer. */
@Entity
@Table(name = "ORDERS")
public class Order {

    @Id
    @GeneratedValue
    private Long id;
    private String customer;
    private String item;
    private int quantity;
    private String status;

    protected Order() {
    }

    Order(String customer, String item, int quantity) {
        this.customer = customer;
        this.item = item;
        this.quantity = quantity;
        this.status = "placed";
    }

    public Long id() {
        return id;
    }

    public String customer() {
        return customer;
    }

    public String item() {
        return item;
    }

    public int quantity() {
        return quantity;
    }

    void status(String status) {
        this.status = status;
    }

    /** Where its changes are published: a private topic per order, under its customer. */
    String topic() {
        return CustomerTopics.order(customer, id);
    }

    JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("customer", customer)
                .add("item", item)
                .add("quantity", quantity)
                .add("status", status)
                .build();
    }
}
