#!/usr/bin/env bash
# Runs the rtprofile benchmarks and writes JMH JSON results under profile-benchmarks/results/.
#
#   profile-benchmarks/run.sh quick      # every headline case, short iterations, 100k sizes (~10 min)
#   profile-benchmarks/run.sh full       # every case and size (100k and 1M), longer iterations
#   profile-benchmarks/run.sh search-1m  # the search targets' size: 1M profiles (~5 min)
#   profile-benchmarks/run.sh durable    # the durable store (issue 15): ingest, journal vs
#                                        # RocksDB, restart of 1M profiles; 3 rounds (~21 min)
#
# Extra arguments after the mode are passed to every JMH run (e.g. -prof gc).
# Builds profile-benchmarks/target/benchmarks.jar first if it is missing.
set -euo pipefail

mode="${1:-quick}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"

if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -pl profile-benchmarks -am package -DskipTests)
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$here/results/$mode-$stamp"
mkdir -p "$out"
{
  echo "mode: $mode"
  echo "date: $stamp"
  echo "nproc: $(nproc)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -version 2>&1 | sed 's/^/java: /'
} > "$out/machine.txt"

# The NDJSON that RestartBenchmark's forks share (up to 1.2 GB) goes when the run ends, however
# it ends; the stores' own directories are deleted by the benchmarks.
trap 'rm -f "$here"/target/durable-scratch/ndjson-*.cache' EXIT

jmh() {
  local name="$1"
  shift
  echo "== $name"
  java -jar "$jar" "$@" -rf json -rff "$out/$name.json" > "$out/$name.txt" 2>&1 \
    || { tail -40 "$out/$name.txt"; return 1; }
  sed -n '/^Benchmark /,$p' "$out/$name.txt"
}

memory() {
  local records="$1"
  echo "== memory ($records records)"
  for impl in rtprofile jgrapht hashmap; do
    java -Xms4g -Xmx4g -cp "$jar" dev.rtprofile.benchmarks.GraphMemory "$impl" "$records" 2>/dev/null \
      | tee -a "$out/memory.txt"
  done
}

case "$mode" in
  quick)
    # One linking operation is a whole 100k-record batch (0.1-0.5 s): 2 s iterations, and
    # enough warm-up for the JIT to settle on rtprofile's longer link path.
    jmh linking LinkingBenchmark -p records=100000 -f 1 -wi 5 -i 6 -w 2 -r 2 "$@"
    jmh membership MembershipBenchmark -p records=100000 -f 1 -wi 2 -i 5 -w 1 -r 1 "$@"
    jmh merge MergeBenchmark -p fragments=10 -p attributes=100 -f 1 -wi 2 -i 5 -w 1 -r 1 "$@"
    jmh lookup LookupBenchmark -p profiles=100000 -f 1 -wi 2 -i 5 -w 1 -r 1 "$@"
    for t in 1 2 4; do
      jmh "concurrency-t$t" 'ConcurrencyBenchmark.mixed' -t "$t" -f 1 -wi 2 -i 5 -w 1 -r 1 "$@"
    done
    # A lookup's p99 on the idle store and while one thread bulk-ingests NDJSON, uncached as in
    # mixed (full mode adds the cached store). Each iteration under ingest starts from a reloaded
    # store (a few seconds each), so fewer, longer iterations than the throughput cases.
    jmh lookup-latency LookupLatencyBenchmark -p cache=uncached -f 1 -wi 2 -i 4 -w 2 -r 3 "$@"
    # Records only; the events variant is in full mode. Search at 100k: loading a store of 1M
    # profiles with its indexes takes 1.5-3 minutes per fork, so 1M has a mode of its own.
    # One invocation is 10,000 lines (0.1-0.5 s): 2 s iterations and 4 of warm-up, or the JIT is
    # still at work while measuring.
    jmh ingest IngestBenchmark -p kind=records -f 1 -wi 4 -i 5 -w 2 -r 2 "$@"
    jmh search 'SearchBenchmark.(indexedPage|scanCount)' -p profiles=100000 -f 1 -wi 5 -i 5 -w 1 -r 1 "$@"
    # The durable store at 100k, one fork each; durable mode has the 3-fork runs and 1M.
    jmh durable-ingest 'DurableIngestBenchmark.batch' -f 1 -wi 3 -i 4 -w 1 -r 1 "$@"
    jmh durable-ingest-single 'DurableIngestBenchmark.single' -p impl=memory,everyWrite -f 1 -wi 2 -i 3 -w 1 -r 1 "$@"
    jmh journal JournalBaselineBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1 "$@"
    jmh restart RestartBenchmark -p profiles=100000 -f 1 -wi 1 -i 3 \
      -jvmArgsAppend "-Xms3g -Xmx3g -XX:+AlwaysPreTouch" "$@"
    memory 1000000
    ;;
  durable)
    # Issue 15's three benchmarks, each ratio from one run, in 3 rounds of one fork of every case
    # (issue 17's method asks for 3 forks): on a shared machine whose load drifts, the two sides
    # of a ratio then run minutes apart, not a whole benchmark apart. DurableSummary pairs fork i
    # of one side with fork i of the other. Every class pre-touches its heap (-XX:+AlwaysPreTouch
    # in its @Fork). The durable stores write under target/durable-scratch/ and delete it after.
    for round in 1 2 3; do
      jmh "durable-ingest-r$round" 'DurableIngestBenchmark.batch' -f 1 -wi 3 -i 5 -w 2 -r 2 "$@"
      jmh "durable-ingest-single-r$round" 'DurableIngestBenchmark.single' -f 1 -wi 2 -i 3 -w 1 -r 2 "$@"
      jmh "journal-r$round" JournalBaselineBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1 "$@"
    done
    # A restart fork ingests 1.25M lines durably first (about 30 s); single-shot iterations
    # of one restart or one re-ingest each. The class's @Fork gives the 10 GB heap.
    for round in 1 2 3; do
      jmh "restart-r$round" RestartBenchmark -p profiles=1000000 -f 1 -wi 1 -i 3 "$@"
    done
    ;;
  search-1m)
    # The two search cases with targets at the size the targets name: a fork each, so the store
    # loads twice. The indexed page needs about 5 s of warm-up before it settles.
    jmh search 'SearchBenchmark.(indexedPage|scanCount)' -p profiles=1000000 -f 1 -wi 5 -i 5 -w 1 -r 1 "$@"
    ;;
  full)
    jmh linking LinkingBenchmark -p records=100000,1000000 -f 2 "$@"
    jmh membership MembershipBenchmark -p records=100000,1000000 -f 2 "$@"
    jmh merge MergeBenchmark -f 2 "$@"
    jmh lookup LookupBenchmark -p profiles=100000,1000000 -f 2 -jvmArgsAppend "-Xms8g -Xmx8g" "$@"
    for t in 1 2 4; do
      jmh "concurrency-t$t" 'ConcurrencyBenchmark.mixed' -t "$t" -f 2 "$@"
    done
    jmh concurrency-group 'ConcurrencyBenchmark.readWrite' -f 2 "$@"
    jmh lookup-latency LookupLatencyBenchmark -f 2 "$@"
    jmh ingest IngestBenchmark -f 2 "$@"
    jmh search SearchBenchmark -p profiles=100000,1000000 -f 2 "$@"
    jmh durable-ingest DurableIngestBenchmark -f 2 "$@"
    jmh journal JournalBaselineBenchmark -f 2 "$@"
    jmh restart RestartBenchmark -p profiles=100000,1000000 -f 2 "$@"
    memory 1000000
    ;;
  *)
    echo "usage: $0 quick|full|search-1m|durable [extra JMH options]" >&2
    exit 2
    ;;
esac

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo "== summary (also in $out/summary.txt)"
java -cp "$jar" dev.rtprofile.benchmarks.ResultSummary "$out" | tee "$out/summary.txt"
