package dev.rtprofile.benchmarks;

import dev.rtprofile.journal.Journal;
import dev.rtprofile.journal.JournalOptions;
import dev.rtprofile.journal.SyncMode;
import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.ProfileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The store's journal against RocksDB writing the same commands with the same forcing. The payloads
 * are real: setup ingests {@value #RECORDS} {@link IngestData} XDM records into a durable store and
 * reads back the journal entries the store wrote for them ({@link Journal#replay}, on the class
 * path, where the module's unexported {@code dev.rtprofile.journal} package is reachable); both
 * sides then write those byte arrays, cycling, {@code batch} entries per operation. {@code impl}:
 *
 * <ul>
 *   <li>{@code rtprofile}: {@link Journal#append} of each entry, then {@link Journal#awaitDurable}
 *       of the last one: under {@code sync=everyWrite} ({@link SyncMode#EVERY_WRITE}) it returns
 *       once the entries are written and forced; under {@code sync=os} ({@link SyncMode#OS}) once
 *       they are written to the operating system;
 *   <li>{@code rocksdb}: RocksDB {@code 10.10.1.1} with default options, one {@code WriteBatch} of
 *       the entries (keys: the 8-byte big-endian sequence number) written with {@code
 *       WriteOptions.setSync(true)} under {@code sync=everyWrite} (the write-ahead log is forced
 *       before the write returns) or {@code setSync(false)} under {@code sync=os} (written to the
 *       OS, not forced). Its memtable flushes and compactions run on its background threads, as
 *       they would for a user who picked it.
 * </ul>
 *
 * Each iteration writes into a new, empty directory under {@code target/durable-scratch/}, deleted
 * after it. The score is the time per operation of {@code batch} entries; the ratio rtprofile ÷
 * rocksdb at the same {@code sync} and {@code batch} is the comparison. Lower is better.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar JournalBaselineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class JournalBaselineBenchmark {
  /** How many records' commands are written, cycling. */
  static final int RECORDS = 10_000;

  /** Our journal or the RocksDB baseline. */
  @Param({"rtprofile", "rocksdb"})
  public String impl;

  /** Forced before acknowledging ({@code everyWrite}) or handed to the OS ({@code os}). */
  @Param({"everyWrite", "os"})
  public String sync;

  /** Entries per operation: one durability step for all of them. */
  @Param({"1", "100"})
  public int batch;

  private byte[][] payloads;
  private Path dir;
  private Journal journal;
  private RocksDB db;
  private Options options;
  private WriteOptions writeOptions;
  private WriteBatch writeBatch;
  private final byte[] key = new byte[Long.BYTES];
  private long seq;

  /** Reads the commands the store journals for {@value #RECORDS} records. */
  @Setup(Level.Trial)
  public void payloads() throws IOException {
    payloads = recordCommands(RECORDS);
    long total = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (byte[] p : payloads) {
      total += p.length;
      min = Math.min(min, p.length);
      max = Math.max(max, p.length);
    }
    System.out.printf(
        "%n%d journal entries of record commands: %.0f bytes on average (%d to %d)%n",
        payloads.length, (double) total / payloads.length, min, max);
    RocksDB.loadLibrary();
  }

  /**
   * The payloads of the journal entries a durable store writes for the first {@code records} lines
   * of {@link IngestData#records}: ingested, then read back from the journal (read-only: the store
   * still holds the directory's lock) while the store is open, so before its closing snapshot.
   */
  static byte[][] recordCommands(int records) throws IOException {
    IngestData data = IngestData.records(records, LinkingData.SEED);
    Path from = ScratchDirectory.create("payloads-");
    try {
      List<byte[]> entries = new ArrayList<>();
      try (ProfileStore store = ProfileData.builder(100_000).storage(from).build()) {
        IngestReport report =
            ProfileJson.defaults()
                .ingestRecords(store, "crm", new ByteArrayInputStream(data.ndjson));
        if (report.stored() != records) {
          throw new IllegalStateException("stored " + report.stored() + ": " + report);
        }
        try (Journal read = Journal.open(from, JournalOptions.defaults().withReadOnly(true))) {
          read.replay(
              read.firstSeq(),
              (s, payload) -> {
                byte[] copy = new byte[payload.remaining()];
                payload.get(copy);
                entries.add(copy);
              });
        }
      }
      if (entries.size() < records) {
        throw new IllegalStateException("the journal holds " + entries.size() + " entries");
      }
      // One entry per stored record, after the store's own (the settings it was opened with).
      return entries.subList(entries.size() - records, entries.size()).toArray(new byte[0][]);
    } finally {
      ScratchDirectory.delete(from);
    }
  }

  /** Opens the journal or the database in a new directory. */
  @Setup(Level.Iteration)
  public void open() throws IOException, RocksDBException {
    dir = ScratchDirectory.create("journal-baseline-");
    seq = 0;
    boolean force = sync.equals("everyWrite");
    if (impl.equals("rtprofile")) {
      journal =
          Journal.open(
              dir, JournalOptions.defaults().withMode(force ? SyncMode.EVERY_WRITE : SyncMode.OS));
    } else if (impl.equals("rocksdb")) {
      options = new Options().setCreateIfMissing(true);
      db = RocksDB.open(options, dir.toString());
      writeOptions = new WriteOptions().setSync(force);
      writeBatch = new WriteBatch();
    } else {
      throw new IllegalStateException("unknown impl " + impl);
    }
  }

  /** Closes the journal or the database and deletes the directory. */
  @TearDown(Level.Iteration)
  public void close() throws IOException {
    if (journal != null) {
      journal.close();
      journal = null;
    }
    if (db != null) {
      writeBatch.close();
      writeOptions.close();
      db.close();
      options.close();
      db = null;
    }
    ScratchDirectory.delete(dir);
  }

  /** Writes {@code batch} entries and waits for their durability step. */
  @Benchmark
  public long write() throws IOException, RocksDBException {
    byte[][] p = payloads;
    if (journal != null) {
      long last = 0;
      for (int i = 0; i < batch; i++) {
        byte[] payload = p[(int) (seq++ % p.length)];
        last = journal.append(payload, 0, payload.length);
      }
      journal.awaitDurable(last);
      return last;
    }
    writeBatch.clear();
    for (int i = 0; i < batch; i++) {
      long s = seq++;
      ByteBuffer.wrap(key).putLong(s);
      writeBatch.put(key, p[(int) (s % p.length)]);
    }
    db.write(writeOptions, writeBatch);
    return seq;
  }
}
