package dev.rtprofile.cli;

import dev.rtprofile.json.FieldMapping;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.json.StoreConfiguration;
import dev.rtprofile.store.ProfileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rtprofile demo}: generated data through the whole library, explained. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a realistic multi-source data set from a seed (a CRM export, a loyalty feed, web"
          + " and mobile events), ingests it and shows what the library makes of it: counts and"
          + " throughput, graph sizes, one person found by three identities, a conflict"
          + " explained, two merge policies, a shared kiosk kept from merging customers, and an"
          + " erasure. The same seed and size always give the same data and the same answers."
    })
final class DemoCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin OutputOptions output;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The seed of the generator. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--people",
      paramLabel = "N",
      description = "How many customers to generate, 20 to 1000000. Default: ${DEFAULT-VALUE}.")
  int people = 10_000;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = {
        "Also writes the generated files and config.json there, and a durable store of the same"
            + " data in DIR/store (replacing one an earlier demo left), for the other commands."
      })
  @Nullable Path out;

  @Override
  public Integer call() {
    if (people < 20 || people > 1_000_000) {
      throw new UsageException("--people must be between 20 and 1000000, but was " + people);
    }
    if (out != null) {
      prepare(out);
    }
    long started = System.nanoTime();
    DemoData data = DemoData.generate(seed, people);
    long generated = System.nanoTime() - started;
    String config = DemoData.configuration(true);
    if (out != null) {
      write(out, data, config);
    }
    StoreConfiguration configuration = ProfileJson.defaults().readStoreConfiguration(config);
    ProfileStore store =
        configuration.storeBuilder().clock(Clock.fixed(DemoData.NOW, ZoneOffset.UTC)).build();
    Session session = new Session(store, ProfileJson.defaults(), inputs(data, configuration));
    Format format = output.format(Format.TEXT);
    PrintStream text = format == Format.JSON ? null : root.out();
    DemoReport report = new DemoReport(data, store, text, out);
    report.header(generated);
    report.ingest(session.ingest(root.progress()));
    report.store();
    report.person();
    report.conflict();
    report.policies();
    report.kiosk();
    report.erase();
    if (out != null) {
      report.durableStore(durableStore(out, data, config, configuration));
    }
    report.footer();
    if (format == Format.JSON) {
      CliJson.print(root.out(), report.json(), output.pretty);
    }
    return ExitCode.OK;
  }

  /**
   * Ingests the generated data, as the files hold it (before the demo's erasure), into a durable
   * store in {@code dir/store} with the configuration kept beside it: what {@code ingest --store
   * DIR/store --config DIR/config.json --data ...} of the written files makes. It is built in
   * {@code dir/store.new} and renamed into place once closed, so a failed demo leaves the old
   * store.
   */
  private StorageReport durableStore(
      Path dir, DemoData data, String config, StoreConfiguration configuration) {
    Path target = dir.resolve("store");
    Path fresh = dir.resolve("store.new");
    StoreDirectory.deleteStore(fresh);
    ProfileStore store =
        StoreDirectory.open(
            configuration.storeBuilder().clock(Clock.fixed(DemoData.NOW, ZoneOffset.UTC)),
            fresh,
            false,
            DurabilityOption.EVERY.durability());
    StorageReport report;
    try (Session session =
        new Session(store, ProfileJson.defaults(), inputs(data, configuration), fresh)) {
      StoreDirectory.saveConfiguration(fresh, config + "\n");
      session.ingest(root.progress());
      session.finish();
      report =
          new StorageReport(target, DurabilityOption.EVERY.text(), session.journalledLines(), true);
    }
    StoreDirectory.deleteStore(target);
    try {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UsageException(
          "--out " + dir + ": cannot rename " + fresh + " to " + target + ": " + e, e);
    }
    return report;
  }

  private static List<DataInput> inputs(DemoData data, StoreConfiguration configuration) {
    List<DataInput> inputs = new ArrayList<>();
    for (String[] file : DemoData.FILES) {
      String dataset = file[0];
      byte[] bytes = data.bytes(dataset);
      boolean csv = dataset.equals("crm");
      FieldMapping mapping = csv ? configuration.mappings().get("crm") : null;
      inputs.add(
          new DataInput(
              dataset,
              file[1],
              bytes.length,
              () -> new ByteArrayInputStream(bytes),
              dataset.equals("web") || dataset.equals("mobile"),
              csv ? DataInput.Syntax.CSV : DataInput.Syntax.XDM,
              mapping,
              csv ? "crm" : null));
    }
    return inputs;
  }

  private static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UsageException("--out " + dir + ": cannot create the directory: " + e, e);
    }
    if (!Files.isWritable(dir)) {
      throw new UsageException("--out " + dir + ": cannot write there (permission denied)");
    }
  }

  private static void write(Path dir, DemoData data, String config) {
    try {
      for (String[] file : DemoData.FILES) {
        Files.write(dir.resolve(file[1]), data.bytes(file[0]));
      }
      Files.writeString(dir.resolve("config.json"), config + "\n");
    } catch (IOException e) {
      throw new UsageException("--out " + dir + ": writing the files failed: " + e, e);
    }
  }
}
