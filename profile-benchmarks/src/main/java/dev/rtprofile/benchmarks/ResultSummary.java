package dev.rtprofile.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Prints the headline table from a results folder that {@code run.sh} wrote: for every benchmark
 * with an {@code impl} parameter, each baseline's score beside rtprofile's and the ratio ours ÷
 * baseline (both are times, so below 1 means rtprofile is faster), with the error propagated from
 * JMH's 99.9% intervals and the ratio of the medians of the iterations (steadier on a shared
 * machine); the lookup and concurrency scores as they are; the percentiles of the latency cases
 * (JMH's sample mode: {@code LookupLatencyBenchmark}, each role of a group on its own line); and
 * the memory lines. The ingest cases add records per second and rtprofile's share of each
 * baseline's rate; a last section states the targets: the store's concurrency ({@code mixed} at 2
 * threads ≥ 1.6× one thread; a lookup's p99 under a bulk ingest ≤ 3× its p99 on the idle store, for
 * each setting run on both sides) and the ingest and search targets of issues 4 and 5 (the scan's
 * per-core rate divides by the {@code nproc} that {@code machine.txt} records, as the scan runs on
 * every core). The durable store's ratios follow ({@link DurableSummary}).
 *
 * <p>Run: {@code java -cp profile-benchmarks/target/benchmarks.jar
 * dev.rtprofile.benchmarks.ResultSummary profile-benchmarks/results/quick-...}
 */
public final class ResultSummary {
  private ResultSummary() {}

  private record Score(double score, double error, double median, String unit) {
    String text() {
      return String.format(Locale.ROOT, "%.3f ± %.3f %s (median %.3f)", score, error, unit, median);
    }
  }

  /**
   * A latency distribution from JMH's sample mode, in {@code unit}: percentiles of all the samples
   * of all iterations, and the median of the iterations' own p99s (steadier on a shared machine).
   */
  private record Latency(
      double mean,
      double p50,
      double p90,
      double p99,
      double p999,
      double iterationP99,
      String unit) {
    /** Reads {@code metric} and the per-iteration p99 metric beside it (absent: NaN). */
    static Latency of(JsonNode metric, JsonNode iterationP99) {
      JsonNode p = metric.get("scorePercentiles");
      return new Latency(
          metric.get("score").asDouble(),
          p.get("50.0").asDouble(),
          p.get("90.0").asDouble(),
          p.get("99.0").asDouble(),
          p.get("99.9").asDouble(),
          iterationP99 == null ? Double.NaN : median(iterationP99.get("rawData")),
          metric.get("scoreUnit").asString());
    }

    String text() {
      return String.format(
          Locale.ROOT,
          "p50 %.3f, p90 %.3f, p99 %.3f, p99.9 %.1f %s (mean %.3f; median of the iterations' p99s"
              + " %.3f)",
          p50,
          p90,
          p99,
          p999,
          unit,
          mean,
          iterationP99);
    }
  }

  private static double median(JsonNode rawData) {
    List<Double> values = new ArrayList<>();
    for (JsonNode fork : rawData) {
      for (JsonNode v : fork) {
        values.add(v.asDouble());
      }
    }
    values.sort(null);
    int n = values.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  /** Prints the summary of the folder named by the first argument. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    ObjectMapper mapper = new ObjectMapper();
    // benchmark + other params -> impl -> score
    Map<String, Map<String, Score>> byCase = new TreeMap<>();
    List<String> plain = new ArrayList<>();
    Map<Integer, Score> mixedByThreads = new TreeMap<>();
    // SearchBenchmark method -> profiles -> score
    Map<String, Map<Integer, Score>> search = new TreeMap<>();
    // kind -> rtprofile's share of the streaming floor's records/s (of the medians)
    Map<String, Double> ingestShare = new TreeMap<>();
    // "benchmark[:role] params" -> latency, for every sample-mode run
    Map<String, Latency> latencies = new TreeMap<>();
    // params but readAhead -> the lookup's latency on the idle store, and under ingest (by label)
    Map<String, Latency> idle = new TreeMap<>();
    Map<String, Map<String, Latency>> underIngest = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      for (JsonNode run : mapper.readTree(file.toFile())) {
        String benchmark = run.get("benchmark").asString().replace("dev.rtprofile.benchmarks.", "");
        JsonNode metric = run.get("primaryMetric");
        if (run.get("mode").asString().equals("sample")) {
          // No rawData, a histogram instead; a group's primary metric pools all its roles.
          String params = paramsText(run.get("params"), null);
          JsonNode secondary = run.get("secondaryMetrics");
          List<String> roles = new ArrayList<>();
          secondary.properties().forEach(e -> roles.add(e.getKey()));
          roles.removeIf(r -> r.contains(":") || r.matches("p[01]\\..*"));
          if (roles.isEmpty()) {
            latencies.put(benchmark + params, Latency.of(metric, secondary.get("p0.99")));
          }
          for (String role : roles) {
            latencies.put(
                benchmark + ":" + role + params,
                Latency.of(secondary.get(role), secondary.get(role + ":p0.99")));
          }
          String pairing = paramsText(run.get("params"), "readAhead");
          if (benchmark.equals("LookupLatencyBenchmark.idle")) {
            idle.put(pairing, latencies.get(benchmark + params));
          } else if (benchmark.equals("LookupLatencyBenchmark.underIngest")) {
            underIngest
                .computeIfAbsent(pairing, k -> new TreeMap<>())
                .put(params, latencies.get(benchmark + ":lookup" + params));
          }
          continue;
        }
        Score score =
            new Score(
                metric.get("score").asDouble(),
                // JMH writes "NaN" (a string) when there are too few iterations for an error.
                metric.get("scoreError").isNumber()
                    ? metric.get("scoreError").asDouble()
                    : Double.NaN,
                median(metric.get("rawData")),
                metric.get("scoreUnit").asString());
        StringBuilder key = new StringBuilder(benchmark);
        String impl = null;
        JsonNode params = run.get("params");
        if (params != null) {
          for (Map.Entry<String, JsonNode> p : params.properties()) {
            if (p.getKey().equals("impl")) {
              impl = p.getValue().asString();
            } else {
              key.append(' ').append(p.getKey()).append('=').append(p.getValue().asString());
            }
          }
        }
        if (benchmark.startsWith("SearchBenchmark.")) {
          search
              .computeIfAbsent(
                  benchmark.substring("SearchBenchmark.".length()), k -> new TreeMap<>())
              .put(params.get("profiles").asInt(), score);
        }
        if (benchmark.endsWith("ConcurrencyBenchmark.mixed")) {
          mixedByThreads.put(run.get("threads").asInt(), score);
        }
        if (impl == null) {
          plain.add(key + " threads=" + run.get("threads").asInt() + ": " + score.text());
        } else {
          byCase.computeIfAbsent(key.toString(), k -> new TreeMap<>()).put(impl, score);
        }
      }
    }
    for (Map.Entry<String, Map<String, Score>> c : byCase.entrySet()) {
      System.out.println(c.getKey());
      Map<String, Score> impls = c.getValue();
      Score ours = impls.getOrDefault("rtprofile", impls.get("rtprofile-profileId"));
      boolean ingest = c.getKey().startsWith("IngestBenchmark.");
      for (Map.Entry<String, Score> i : impls.entrySet()) {
        Score s = i.getValue();
        String ratio = "";
        if (ingest) {
          // The score is the time per line in ns.
          ratio +=
              String.format(Locale.ROOT, "%n      %,.0f records/s (of the median)", 1e9 / s.median);
          if (ours != null && !i.getKey().startsWith("rtprofile")) {
            double share = s.median / ours.median;
            ratio +=
                String.format(
                    Locale.ROOT, "; rtprofile runs at %.1f%% of this one's records/s", 100 * share);
            if (i.getKey().equals("jackson-stream")) {
              String kind = c.getKey().replace("IngestBenchmark.ingest ", "");
              ingestShare.put(kind, share);
              Score inline = impls.get("rtprofile-inline");
              if (inline != null) {
                ingestShare.put(kind + " (readAhead off)", s.median / inline.median);
              }
            }
          }
        }
        if (ours != null && !ingest && !i.getKey().startsWith("rtprofile")) {
          double r = ours.score / s.score;
          double e = r * Math.hypot(ours.error / ours.score, s.error / s.score);
          double m = ours.median / s.median;
          ratio =
              String.format(
                  Locale.ROOT,
                  "%n      ours ÷ this = %.3f ± %.3f, of medians %.3f: rtprofile %.2f× %s",
                  r,
                  e,
                  m,
                  m <= 1 ? 1 / m : m,
                  m <= 1 ? "faster" : "slower");
        }
        System.out.printf(Locale.ROOT, "  %-22s %s%s%n", i.getKey(), s.text(), ratio);
      }
    }
    plain.forEach(System.out::println);
    latencies.forEach(
        (name, latency) ->
            System.out.println(
                name
                    + (name.startsWith("LookupLatencyBenchmark.underIngest:ingest")
                        ? " (one sample a batch of " + LookupLatencyBenchmark.BATCH + " lines)"
                        : "")
                    + ": "
                    + latency.text()));
    Score one = mixedByThreads.get(1);
    if (one != null) {
      mixedByThreads.forEach(
          (threads, score) ->
              System.out.printf(
                  Locale.ROOT,
                  "mixed throughput, %d threads ÷ 1 thread: %.2f (of medians %.2f)%n",
                  threads,
                  score.score / one.score,
                  score.median / one.median));
    }
    Path memory = dir.resolve("memory.txt");
    if (Files.exists(memory)) {
      for (String line : Files.readAllLines(memory)) {
        if (line.startsWith("memory ")) {
          System.out.println(line);
        }
      }
    }
    Score two = mixedByThreads.get(2);
    if ((one != null && two != null) || !underIngest.isEmpty()) {
      System.out.println("targets (the store's concurrency):");
    }
    if (one != null && two != null) {
      double m = two.median / one.median;
      System.out.printf(
          Locale.ROOT,
          "  mixed throughput, 2 threads ÷ 1 thread: %.2f (of medians; of means %.2f);"
              + " target >= 1.6: %s%n",
          m,
          two.score / one.score,
          verdict(m >= 1.6, 1.6 / m));
    }
    underIngest.forEach(
        (pairing, runs) ->
            runs.forEach(
                (params, busy) -> {
                  Latency quiet = idle.get(pairing);
                  if (quiet == null || busy == null) {
                    System.out.printf(
                        "  lookup p99 under a bulk ingest ÷ idle,%s: no idle run to compare%n",
                        params);
                    return;
                  }
                  double r = busy.p99 / quiet.p99;
                  System.out.printf(
                      Locale.ROOT,
                      "  lookup p99 under a bulk NDJSON ingest ÷ on the idle store,%s: %.3f ÷ %.3f"
                          + " %s = %.2f (median of the iterations' p99s: %.2f); target <= 3: %s%n",
                      params,
                      busy.p99,
                      quiet.p99,
                      busy.unit,
                      r,
                      busy.iterationP99 / quiet.iterationP99,
                      verdict(r <= 3, r / 3));
                }));
    if (!ingestShare.isEmpty() || !search.isEmpty()) {
      System.out.println("targets (issues 4 and 5), from the medians:");
    }
    ingestShare.forEach(
        (kind, share) ->
            System.out.printf(
                Locale.ROOT,
                "  ingest %s: rtprofile at %.1f%% of the streaming floor's records/s; target >= 40%%:"
                    + " %s%n",
                kind,
                100 * share,
                verdict(share >= 0.4, 0.4 / share)));
    search
        .getOrDefault("indexedPage", Map.of())
        .forEach(
            (profiles, s) ->
                System.out.printf(
                    Locale.ROOT,
                    "  indexed equality, first 20 of %d profiles: %.1f %s; target < 50 us (at 1M):"
                        + " %s%n",
                    profiles,
                    nanos(s) / 1e3,
                    "us",
                    verdict(nanos(s) < 50e3, nanos(s) / 50e3)));
    int cores = nproc(dir);
    search
        .getOrDefault("scanCount", Map.of())
        .forEach(
            (profiles, s) -> {
              double perSecond = profiles / (nanos(s) / 1e9);
              double perCore = perSecond / cores;
              System.out.printf(
                  Locale.ROOT,
                  "  full scan of %d profiles: %.0f ms, %,.0f profiles/s on %d cores, %,.0f"
                      + " profiles/s/core; target >= 5,000,000/s/core: %s%n",
                  profiles,
                  nanos(s) / 1e6,
                  perSecond,
                  cores,
                  perCore,
                  verdict(perCore >= 5e6, 5e6 / perCore));
            });
    search
        .getOrDefault("indexedCount", Map.of())
        .forEach(
            (profiles, s) ->
                System.out.printf(
                    Locale.ROOT,
                    "  indexed count of one tier (about a quarter) of %d profiles: %.0f ms,"
                        + " about %,.0f candidates/s; no target%n",
                    profiles,
                    nanos(s) / 1e6,
                    profiles / 4 / (nanos(s) / 1e9)));
    DurableSummary.print(dir, mapper);
  }

  /** The parameters as {@code " name=value"} each, in JSON order, but {@code skipped}. */
  private static String paramsText(JsonNode params, String skipped) {
    StringBuilder text = new StringBuilder();
    if (params != null) {
      for (Map.Entry<String, JsonNode> p : params.properties()) {
        if (!p.getKey().equals(skipped)) {
          text.append(' ').append(p.getKey()).append('=').append(p.getValue().asString());
        }
      }
    }
    return text.toString();
  }

  /** The median time per operation in nanoseconds, whatever unit JMH reported it in. */
  private static double nanos(Score s) {
    return s.median
        * switch (s.unit) {
          case "ns/op" -> 1;
          case "us/op" -> 1e3;
          case "ms/op" -> 1e6;
          case "s/op" -> 1e9;
          default -> throw new IllegalArgumentException("not a time per operation: " + s.unit);
        };
  }

  private static String verdict(boolean met, double factor) {
    return met ? "met" : String.format(Locale.ROOT, "MISSED by %.1fx", factor);
  }

  /** The {@code nproc} line of {@code machine.txt}, else this machine's processor count. */
  private static int nproc(Path dir) throws IOException {
    Path machine = dir.resolve("machine.txt");
    if (Files.exists(machine)) {
      for (String line : Files.readAllLines(machine)) {
        if (line.startsWith("nproc: ")) {
          return Integer.parseInt(line.substring("nproc: ".length()).trim());
        }
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }
}
