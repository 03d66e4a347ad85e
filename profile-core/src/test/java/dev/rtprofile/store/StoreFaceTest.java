package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.T1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the store's face alone decides: the graph it hands out is read-only, and large scans run on
 * the executor it was given. Front-end operations (delete, lookups by profile id) are in {@link
 * FrontEndContract}, run over every store configuration.
 */
class StoreFaceTest {
  private static final Set<String> GRAPH_WRITES =
      Set.of("link", "unlink", "delete", "erase", "deleteDataset", "neverLink", "dryRun", "check");

  @Test
  void identityGraph_isReadOnly() {
    ProfileStore store = ProfileStore.builder().build();
    store.ingest(
        Record.builder("crm").primary(IngestFixtures.CRM1).identity(IngestFixtures.EMAIL).build());
    IdentityGraph graph = store.identityGraph();

    assertThat(graph).isNotInstanceOf(MutableIdentityGraph.class);
    List<String> writes =
        Arrays.stream(IdentityGraph.class.getMethods())
            .map(Method::getName)
            .filter(GRAPH_WRITES::contains)
            .toList();
    assertThat(writes).as("write methods on the read-only face").isEmpty();
  }

  @Test
  void executor_runsLargeScansOnTheGivenPool() {
    AtomicInteger threads = new AtomicInteger();
    ForkJoinPool pool =
        new ForkJoinPool(
            1,
            p -> {
              threads.incrementAndGet();
              return ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            },
            null,
            false);
    try {
      ProfileStore store = ProfileStore.builder().executor(pool).build();
      int people = SearchEngine.PARALLEL_THRESHOLD + 10;
      for (int i = 0; i < people; i++) {
        store.ingest(
            Record.builder("crm")
                .primary(Identity.of("Email", "p" + i + "@example.com"))
                .timestamp(T1)
                .attribute("n", (long) (i % 7))
                .build());
      }

      long count = store.search().where("n").eq(3L).count();

      assertThat(count).isEqualTo(people / 7 + (people % 7 > 3 ? 1 : 0));
      assertThat(threads.get()).as("worker threads the pool started").isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void executor_rejectsNull() {
    org.assertj.core.api.Assertions.assertThatNullPointerException()
        .isThrownBy(() -> ProfileStore.builder().executor(null))
        .withMessage("executor");
  }
}
