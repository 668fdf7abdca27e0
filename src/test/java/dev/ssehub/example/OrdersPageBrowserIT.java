package dev.ssehub.example;

import dev.ssehub.testing.BrowserScript;
import org.junit.jupiter.api.Test;

/** The orders example's page in a real browser, against the example on Open Liberty. */
class OrdersPageBrowserIT {

    @Test
    void ordersShowLiveInEveryPageOfTheirCustomerAndRolledBackOnesNowhere() throws Exception {
        BrowserScript.run("orders-page.test.mjs", BrowserScript.PAGE_TIMEOUT_SECONDS, OrdersExample.started().toString());
    }
}
