package dev.rtprofile.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code rtprofile ingest}: loads datasets and prints the ingest report. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Loads datasets into a store and prints the ingest report: counts per dataset and every"
          + " line not stored as sent, with its number and reason."
    })
final class IngestCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin StoreOptions store;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    if (store.data.isEmpty()) {
      throw new UsageException("--data is required: name at least one dataset, NAME=PATH");
    }
    Session session = Session.open(store);
    List<DatasetReport> reports = session.ingest(root.progress());
    switch (output.format(Format.JSON)) {
      case JSON ->
          CliJson.print(
              root.out(), IngestReports.json(reports, session.store().statistics()), output.pretty);
      case TABLE -> IngestReports.table(root.out(), reports, "");
      case TEXT -> IngestReports.text(root.out(), reports, "", 20);
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
