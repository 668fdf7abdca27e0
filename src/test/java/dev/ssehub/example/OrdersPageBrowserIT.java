package dev.ssehub.example;

import dev.ssehub.testing.ChromiumScript;
import org.junit.jupiter.api.Test;

/** The orders example's page in a real browser, against the example on Open Liberty. */
class OrdersPageBrowserIT {

    @Test
    void ordersShowLiveInEveryPageOfTheirCustomerAndRolledBackOnesNowhere() throws Exception {
        ChromiumScript.passes("orders-page.test.mjs", OrdersExample.started().toString());
    }
}
