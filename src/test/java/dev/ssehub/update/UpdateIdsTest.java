package dev.ssehub.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UpdateIdsTest {

    @Test
    void aUuidV7CarriesItsMillisecondsVersionAndVariant() {
        long millis = 1_733_334_000_123L;
        UUID uuid = UpdateIds.uuidV7(millis);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsMadeAtOnceOnManyThreadsAreAllDistinct() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                made.add(threads.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 5_000; i++) {
                        ids.add(UpdateIds.next());
                    }
                    return ids;
                }));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<List<String>> ids : made) {
                for (String id : ids.get()) {
                    assertThat(id).startsWith("urn:uuid:");
                    distinct.add(id);
                }
            }
            assertThat(distinct).hasSize(20_000);
        } finally {
            threads.shutdownNow();
        }
    }
}
