package dev.rtprofile.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The durable store's section of {@link ResultSummary}: the ratios of issue 15's benchmarks from a
 * results folder, each from one run, so both sides ran on the same machine state.
 *
 * <p>Every ratio is given as the median of the per-fork ratios (fork {@code i} of one side against
 * fork {@code i} of the other, each fork's score the median of its iterations) with their range,
 * and as the ratio of the medians of all iterations. With one fork the two agree. A case found in
 * several files (the rounds of {@code run.sh durable}: {@code durable-ingest-r1.json}, {@code
 * -r2}…, one fork of every case per round, so that the two sides of a pair ran minutes apart rather
 * than a whole benchmark apart) has its forks taken in file-name order.
 *
 * <ul>
 *   <li>{@link DurableIngestBenchmark}: each policy's lines per second as a share of the in-memory
 *       store's, for {@code batch} (target: {@code everyWrite} ≥ 80%) and {@code single}; and what
 *       a batch buys under {@code everyWrite} (single ÷ batch time per line);
 *   <li>{@link JournalBaselineBenchmark}: the journal's time ÷ RocksDB's per {@code sync} and
 *       {@code batch}, with the time per entry;
 *   <li>{@link RestartBenchmark}: how many times faster a restart is than a re-ingest (target: ≥
 *       10× at 1M profiles), and the disk usage lines its setup printed into the run's logs.
 * </ul>
 *
 * Prints nothing for a folder without these benchmarks' results.
 */
final class DurableSummary {
  /** One benchmark case's iterations, by fork. */
  private record Forks(List<List<Double>> iterations, String unit) {
    static Forks of(JsonNode metric) {
      List<List<Double>> forks = new ArrayList<>();
      for (JsonNode fork : metric.get("rawData")) {
        List<Double> values = new ArrayList<>();
        fork.forEach(v -> values.add(v.asDouble()));
        forks.add(values);
      }
      return new Forks(forks, metric.get("scoreUnit").asString());
    }

    /** These forks, then {@code later}'s: a case run again in a later file of the folder. */
    Forks then(Forks later) {
      List<List<Double>> all = new ArrayList<>(iterations);
      all.addAll(later.iterations);
      return new Forks(all, unit);
    }

    double median() {
      List<Double> all = new ArrayList<>();
      iterations.forEach(all::addAll);
      return DurableSummary.median(all);
    }

    double forkMedian(int fork) {
      return DurableSummary.median(iterations.get(fork));
    }
  }

  private DurableSummary() {}

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * {@code top ÷ bottom}: the median of the per-fork ratios, their range and the ratio of the
   * pooled medians, as text; {@code [0]} of {@code median} receives the median of the per-fork
   * ratios.
   */
  private static String ratio(Forks top, Forks bottom, String format, double[] median) {
    int forks = Math.min(top.iterations().size(), bottom.iterations().size());
    List<Double> ratios = new ArrayList<>();
    for (int f = 0; f < forks; f++) {
      ratios.add(top.forkMedian(f) / bottom.forkMedian(f));
    }
    double m = median(ratios);
    median[0] = m;
    double lo = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double hi = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return String.format(
        Locale.ROOT,
        format
            + " (median of %d forks; range "
            + format
            + "–"
            + format
            + "; of pooled medians "
            + format
            + ")",
        m,
        forks,
        lo,
        hi,
        top.median() / bottom.median());
  }

  private static String verdict(boolean met, double factor) {
    return met ? "met" : String.format(Locale.ROOT, "MISSED by %.2fx", factor);
  }

  /** Prints the section for the results in {@code dir}. */
  static void print(Path dir, ObjectMapper mapper) throws IOException {
    // "method|params but impl" -> impl -> forks
    Map<String, Map<String, Forks>> ingest = new TreeMap<>();
    Map<String, Map<String, Forks>> journal = new TreeMap<>();
    Map<Integer, Map<String, Forks>> restart = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    for (Path file : files) {
      if (!file.toString().endsWith(".json")) {
        continue;
      }
      for (JsonNode run : mapper.readTree(file.toFile())) {
        String benchmark = run.get("benchmark").asString().replace("dev.rtprofile.benchmarks.", "");
        JsonNode params = run.get("params");
        if (params == null || params.get("impl") == null) {
          continue;
        }
        String impl = params.get("impl").asString();
        Forks forks = Forks.of(run.get("primaryMetric"));
        if (benchmark.startsWith("DurableIngestBenchmark.")) {
          String method = benchmark.substring("DurableIngestBenchmark.".length());
          ingest.computeIfAbsent(method, k -> new TreeMap<>()).merge(impl, forks, Forks::then);
        } else if (benchmark.equals("JournalBaselineBenchmark.write")) {
          String key =
              "sync=" + params.get("sync").asString() + " batch=" + params.get("batch").asString();
          journal.computeIfAbsent(key, k -> new TreeMap<>()).merge(impl, forks, Forks::then);
        } else if (benchmark.equals("RestartBenchmark.build")) {
          restart
              .computeIfAbsent(params.get("profiles").asInt(), k -> new TreeMap<>())
              .merge(impl, forks, Forks::then);
        }
      }
    }
    if (ingest.isEmpty() && journal.isEmpty() && restart.isEmpty()) {
      return;
    }
    System.out.println("durable store (issue 15), ratios from one run:");
    double[] m = new double[1];
    ingest.forEach(
        (method, impls) -> {
          Forks memory = impls.get("memory");
          impls.forEach(
              (impl, forks) -> {
                String line =
                    String.format(
                        Locale.ROOT,
                        "  ingest %s, %s: %.0f ns per line (median)",
                        method,
                        impl,
                        forks.median());
                if (memory != null && !impl.equals("memory")) {
                  line +=
                      "; share of memory's lines/s "
                          + ratio(memory, forks, "%.3f", m)
                          + (method.equals("batch") && impl.equals("everyWrite")
                              ? "; target >= 0.80: " + verdict(m[0] >= 0.8, 0.8 / m[0])
                              : "");
                }
                System.out.println(line);
              });
        });
    Map<String, Forks> batch = ingest.getOrDefault("batch", Map.of());
    Map<String, Forks> single = ingest.getOrDefault("single", Map.of());
    for (String impl : new TreeSet<>(batch.keySet())) {
      if (single.containsKey(impl)) {
        System.out.println(
            "  ingest "
                + impl
                + ": a durability step per line ÷ one per batch of "
                + DurableIngestBenchmark.LINES
                + ", time per line "
                + ratio(single.get(impl), batch.get(impl), "%.2f", m));
      }
    }
    journal.forEach(
        (key, impls) -> {
          Forks ours = impls.get("rtprofile");
          Forks rocks = impls.get("rocksdb");
          if (ours == null || rocks == null) {
            return;
          }
          int entries = Integer.parseInt(key.substring(key.indexOf("batch=") + 6));
          System.out.printf(
              Locale.ROOT,
              "  journal %s: rtprofile %.2f %s per entry, rocksdb %.2f; rtprofile ÷ rocksdb time"
                  + " %s%n",
              key,
              ours.median() / entries,
              ours.unit().replace("/op", ""),
              rocks.median() / entries,
              ratio(ours, rocks, "%.3f", m));
        });
    restart.forEach(
        (profiles, impls) -> {
          Forks open = impls.get("restart");
          Forks again = impls.get("reingest");
          if (open == null || again == null) {
            return;
          }
          String line =
              String.format(
                  Locale.ROOT,
                  "  restart of about %d profiles: %.0f %s, re-ingest %.0f; speed-up %s",
                  profiles,
                  open.median(),
                  open.unit(),
                  again.median(),
                  ratio(again, open, "%.1f", m));
          if (profiles >= 1_000_000) {
            line += "; target >= 10: " + verdict(m[0] >= 10, 10 / m[0]);
          }
          System.out.println(line);
        });
    for (Path file : files) {
      if (file.toString().endsWith(".txt")) {
        Files.readAllLines(file).stream()
            .filter(l -> l.startsWith("restart disk usage:"))
            .distinct()
            .forEach(l -> System.out.println("  " + l));
      }
    }
  }
}
