package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded sequence of store commands for the crash tests: a {@link StoreScenario}'s records and
 * events with unlinks, do-not-link rules, deletes, erasures, dataset deletions and expiries mixed
 * in, grouped into steps; a step of several commands runs as one {@link ProfileStore#batch}. The
 * child process and the checking parent draw the same workload from the same seed.
 */
final class CrashWorkload {
  /** One command, named for failure messages. */
  record Command(String name, Consumer<ProfileStore> apply, Identity erased) {
    Command(String name, Consumer<ProfileStore> apply) {
      this(name, apply, null);
    }
  }

  final StoreScenario scenario;
  final List<List<Command>> steps;

  private CrashWorkload(StoreScenario scenario, List<List<Command>> steps) {
    this.scenario = scenario;
    this.steps = steps;
  }

  static CrashWorkload of(long seed, int maxInputs) {
    StoreScenario scenario =
        StoreScenario.random(seed, new StoreScenario.Options(true, true, false, maxInputs));
    Random rnd = new Random(seed ^ 0x5DEECE66DL);
    List<Identity> pool = scenario.identities;
    List<Command> commands = new ArrayList<>();
    int n = 0;
    for (StoreScenario.Input input : scenario.inputs) {
      n++;
      if (input.isRecord()) {
        Record r = input.record();
        commands.add(new Command("record " + n, s -> s.ingest(r)));
      } else {
        Event e = input.event();
        commands.add(new Command("event " + n, s -> s.ingest(e)));
      }
      int r = rnd.nextInt(100);
      Identity a = pool.get(rnd.nextInt(pool.size()));
      Identity b = pool.get(rnd.nextInt(pool.size()));
      if (r < 4) {
        commands.add(new Command("unlink", s -> s.unlink(a, b)));
      } else if (r < 6 && !a.equals(b)) {
        commands.add(new Command("neverLink", s -> s.neverLink(a, b)));
      } else if (r < 8) {
        commands.add(new Command("delete", s -> s.delete(a)));
      } else if (r < 10) {
        commands.add(new Command("erase", s -> s.erase(a), a));
      } else if (r < 11) {
        String dataset = scenario.datasets.get(rnd.nextInt(scenario.datasets.size()));
        commands.add(new Command("deleteDataset", s -> s.deleteDataset(dataset)));
      } else if (r < 12) {
        commands.add(new Command("expireEvents", ProfileStore::expireEvents));
      }
    }
    List<List<Command>> steps = new ArrayList<>();
    for (int i = 0; i < commands.size(); ) {
      int size = rnd.nextInt(5) == 0 ? 2 + rnd.nextInt(8) : 1;
      steps.add(List.copyOf(commands.subList(i, Math.min(commands.size(), i + size))));
      i += size;
    }
    return new CrashWorkload(scenario, List.copyOf(steps));
  }

  /** Runs step {@code i} on {@code store}: a batch if it has several commands. */
  void run(int i, ProfileStore store) {
    List<Command> step = steps.get(i);
    if (step.size() == 1) {
      step.get(0).apply().accept(store);
    } else {
      store.batch(() -> step.forEach(c -> c.apply().accept(store)));
    }
  }
}
