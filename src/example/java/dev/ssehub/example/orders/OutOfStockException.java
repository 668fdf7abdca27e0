package dev.ssehub.example.orders;

/** More was ordered than the shop holds: the order's transaction rolls back. */
public class OutOfStockException extends RuntimeException {

    OutOfStockException(String item, int quantity) {
        super("only " + Orders.STOCK_PER_ITEM + " of " + item + " can be ordered at once, not " + quantity);
    }
}
