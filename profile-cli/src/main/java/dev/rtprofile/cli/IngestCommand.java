package dev.rtprofile.cli;

import dev.rtprofile.store.StoreStatistics;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rtprofile ingest}: loads datasets and prints the ingest report. With {@code --store DIR}
 * the inputs are appended to the durable store there, one batch (one disk step) per input; the
 * report is printed once the store is closed, when every line it counts as durable is on the disk.
 * Running it again on the same inputs, after a crash or not, leaves the store as one run would:
 * records replace by timestamp, events deduplicate by id.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Loads datasets into a store and prints the ingest report: counts per dataset and every"
          + " line not stored as sent, with its number and reason. With --store DIR, appends them"
          + " to the durable store there (creating it) and reports how many lines are durable."
    })
final class IngestCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin StoreOptions store;
  @Mixin OutputOptions output;

  @Option(
      names = "--durability",
      paramLabel = "POLICY",
      converter = DurabilityOption.Converter.class,
      description = {
        "With --store: when writes are acknowledged. every (the default: each input forced to the"
            + " disk before the next is read), interval:MILLIS (forced every MILLIS ms) or os"
            + " (left to the operating system). All survive a crash of the process; the journal is"
            + " forced when the command ends."
      })
  @Nullable DurabilityOption durability;

  @Override
  public Integer call() {
    if (store.data.isEmpty()) {
      throw new UsageException("--data is required: name at least one dataset, NAME=PATH");
    }
    List<DatasetReport> reports;
    StoreStatistics stats;
    StorageReport storage = null;
    try (Session session = Session.openForIngest(store, durability)) {
      reports = session.ingest(root.progress());
      session.finish();
      stats = session.store().statistics();
      if (session.directory() != null) {
        storage =
            StorageReport.of(session, durability == null ? DurabilityOption.EVERY : durability);
      }
    }
    switch (output.format(Format.JSON)) {
      case JSON ->
          CliJson.print(root.out(), IngestReports.json(reports, stats, storage), output.pretty);
      case TABLE -> IngestReports.table(root.out(), reports, "");
      case TEXT -> IngestReports.text(root.out(), reports, "", 20);
    }
    if (storage != null && output.format(Format.JSON) != Format.JSON) {
      root.out().println(storage.line());
    }
    try {
      Session.checkStrict(store.strict, reports);
    } catch (DataRejectedException e) {
      root.err().println("rtprofile ingest: " + e.getMessage());
      return ExitCode.DATA_REJECTED;
    }
    return ExitCode.OK;
  }
}
