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
 * machine); the lookup and concurrency scores as they are; and the memory lines. The ingest cases
 * add records per second and rtprofile's share of each baseline's rate; a last section states the
 * ingest and search targets of issues 4 and 5 (the scan's per-core rate divides by the {@code
 * nproc} that {@code machine.txt} records, as the scan runs on every core).
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
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      for (JsonNode run : mapper.readTree(file.toFile())) {
        String benchmark = run.get("benchmark").asString().replace("dev.rtprofile.benchmarks.", "");
        JsonNode metric = run.get("primaryMetric");
        Score score =
            new Score(
                metric.get("score").asDouble(),
                metric.get("scoreError").asDouble(),
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
