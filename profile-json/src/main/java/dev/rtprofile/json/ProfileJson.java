package dev.rtprofile.json;

import dev.rtprofile.graph.GraphView;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.EventPage;
import dev.rtprofile.store.Explanation;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * The JSON face of a profile store: XDM records and events in, one document at a time or streamed
 * from NDJSON with a per-line report; profiles, event pages, identity graphs, explanations and
 * merge policies out, in the shapes of Adobe Experience Platform's APIs.
 *
 * <pre>{@code
 * ProfileJson json = ProfileJson.defaults();
 * try (InputStream in = Files.newInputStream(path)) {
 *   IngestReport report = json.ingestRecords(store, "crm", in);   // never stops at a bad line
 *   report.problems().forEach(p -> log(p.line() + ": " + p.reason() + " " + p.detail()));
 * }
 * Profile p = store.lookup(Identity.of("Email", "jane@example.com")).fetch().orElseThrow();
 * String entity = json.writeProfile(p);   // {"<entityId>": {"entityId", "sources", "entity", …}}
 * }</pre>
 *
 * <p>Input guardrails, with AEP's defaults: a record at most 100 KB and an event at most 10 KB of
 * JSON, nesting depth and string length bounded through Jackson's {@code StreamReadConstraints}.
 * Data problems are never thrown from the streaming methods: each bad line is counted and reported
 * with its number and reason, and the lines around it are ingested. The single-document methods
 * throw {@link InvalidJsonException} naming the {@link InputProblem}.
 *
 * <p>Immutable and thread-safe once built; one instance may serve any number of threads and stores.
 */
public final class ProfileJson {
  private static final ProfileJson DEFAULTS = builder().build();

  private final int maxRecordBytes;
  private final int maxEventBytes;
  private final int maxReportedProblems;
  private final boolean readAhead;
  private final @Nullable Clock ingestionTime;
  private final XdmReader reader;
  private final ObjectMapper mapper;
  private final ObjectWriter writer;
  private final CsvMapper csvMapper;

  private ProfileJson(Builder b) {
    this.maxRecordBytes = b.maxRecordBytes;
    this.maxEventBytes = b.maxEventBytes;
    this.maxReportedProblems = b.maxReportedProblems;
    this.readAhead = b.readAhead;
    this.ingestionTime = b.ingestionTime;
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(b.maxNestingDepth)
            .maxStringLength(b.maxStringLength)
            .maxNameLength(1024)
            .build();
    JsonFactory xdm =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // One parser per line: a thread-local buffer pool beats the shared concurrent deque.
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .errorReportConfiguration(
                ErrorReportConfiguration.builder().maxErrorTokenLength(32).build())
            .build();
    // The XDM reader finds duplicate names itself, per path, for less than Jackson's per-object
    // sets cost; everything else read as a tree lets Jackson find them.
    JsonFactory factory =
        xdm.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    this.reader = new XdmReader(xdm, b.ingestionTime);
    this.mapper =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    this.csvMapper =
        CsvMapper.builder(CsvFactory.builder().streamReadConstraints(constraints).build())
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .enable(CsvReadFeature.FAIL_ON_DUPLICATE_HEADER_COLUMNS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    this.writer = b.prettyPrint ? mapper.writerWithDefaultPrettyPrinter() : mapper.writer();
  }

  /** Returns the instance with every setting at its default. */
  public static ProfileJson defaults() {
    return DEFAULTS;
  }

  /** Returns a builder whose settings start at their defaults. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------
  // In

  /**
   * Reads one XDM record: {@code identityMap} gives the identities (with the primary flag), {@code
   * extSourceSystemAudit.lastUpdatedDate} the custom timestamp, and every other field becomes an
   * attribute (objects become dotted paths, arrays are leaves, JSON nulls are absent).
   *
   * @throws InvalidJsonException if the JSON cannot be read into a record
   */
  public Record readRecord(String dataset, String json) {
    DocumentInput.checkDataset(dataset);
    byte[] bytes = DocumentInput.utf8(json, "json");
    DocumentInput.checkSize(bytes.length, maxRecordBytes, "record");
    return reader.record(dataset, bytes, 0, bytes.length);
  }

  /**
   * Reads one XDM record from UTF-8 bytes, a leading byte order mark allowed; see {@link
   * #readRecord(String, String)}.
   *
   * @throws InvalidJsonException if the bytes cannot be read into a record
   */
  public Record readRecord(String dataset, byte[] json) {
    DocumentInput.checkDataset(dataset);
    Objects.requireNonNull(json, "json");
    int off = DocumentInput.bomLength(json);
    DocumentInput.checkSize(json.length - off, maxRecordBytes, "record");
    return reader.record(dataset, json, off, json.length - off);
  }

  /**
   * Reads one XDM experience event: {@code _id} (required), {@code timestamp} (ISO-8601 with an
   * offset, required), {@code eventType}, {@code identityMap}, and every other field as an
   * attribute.
   *
   * @throws InvalidJsonException if the JSON cannot be read into an event
   */
  public Event readEvent(String dataset, String json) {
    DocumentInput.checkDataset(dataset);
    byte[] bytes = DocumentInput.utf8(json, "json");
    DocumentInput.checkSize(bytes.length, maxEventBytes, "event");
    return reader.event(dataset, bytes, 0, bytes.length);
  }

  /**
   * Reads one XDM experience event from UTF-8 bytes, a leading byte order mark allowed; see {@link
   * #readEvent(String, String)}.
   *
   * @throws InvalidJsonException if the bytes cannot be read into an event
   */
  public Event readEvent(String dataset, byte[] json) {
    DocumentInput.checkDataset(dataset);
    Objects.requireNonNull(json, "json");
    int off = DocumentInput.bomLength(json);
    DocumentInput.checkSize(json.length - off, maxEventBytes, "event");
    return reader.event(dataset, json, off, json.length - off);
  }

  /**
   * Streams NDJSON records (one XDM record per line) into {@code store}, in constant memory. Each
   * line is read on its own: a bad line is counted and reported with its number and reason, and
   * never stops the batch. Empty lines, CRLF line ends and a byte order mark are accepted. The
   * stream is read to its end and not closed.
   *
   * @throws IOException if reading the stream fails
   */
  public IngestReport ingestRecords(ProfileStore store, String dataset, InputStream ndjson)
      throws IOException {
    return ingestRecords(store, dataset, ndjson, null);
  }

  /**
   * Streams NDJSON records into {@code store} as {@link #ingestRecords(ProfileStore, String,
   * InputStream)} does, and hands {@code listener} every line that was not simply accepted, as it
   * happens, even beyond {@link Builder#maxReportedProblems}. An exception the listener throws ends
   * the ingest and propagates.
   *
   * @throws IOException if reading the stream fails
   */
  public IngestReport ingestRecords(
      ProfileStore store,
      String dataset,
      InputStream ndjson,
      @Nullable Consumer<LineOutcome> listener)
      throws IOException {
    Objects.requireNonNull(store, "store");
    DocumentInput.checkDataset(dataset);
    Objects.requireNonNull(ndjson, "ndjson");
    return Durably.ingest(
        store,
        () ->
            NdjsonIngest.run(
                ndjson,
                maxRecordBytes,
                "record",
                new ReportBuilder(maxReportedProblems, listener),
                () -> {
                  FieldNames names = new FieldNames();
                  return (b, off, len) ->
                      reader.record(dataset, reader.recordDocument(b, off, len, names));
                },
                store::ingest,
                readAhead));
  }

  /**
   * Streams NDJSON experience events (one per line) into {@code store}, in constant memory; see
   * {@link #ingestRecords(ProfileStore, String, InputStream)}.
   *
   * @throws IOException if reading the stream fails
   */
  public IngestReport ingestEvents(ProfileStore store, String dataset, InputStream ndjson)
      throws IOException {
    return ingestEvents(store, dataset, ndjson, null);
  }

  /**
   * Streams NDJSON experience events into {@code store} and hands {@code listener} every line that
   * was not simply accepted; see {@link #ingestRecords(ProfileStore, String, InputStream,
   * Consumer)}.
   *
   * @throws IOException if reading the stream fails
   */
  public IngestReport ingestEvents(
      ProfileStore store,
      String dataset,
      InputStream ndjson,
      @Nullable Consumer<LineOutcome> listener)
      throws IOException {
    Objects.requireNonNull(store, "store");
    DocumentInput.checkDataset(dataset);
    Objects.requireNonNull(ndjson, "ndjson");
    return Durably.ingest(
        store,
        () ->
            NdjsonIngest.run(
                ndjson,
                maxEventBytes,
                "event",
                new ReportBuilder(maxReportedProblems, listener),
                () -> {
                  FieldNames names = new FieldNames();
                  return (b, off, len) ->
                      reader.event(dataset, reader.eventDocument(b, off, len, names));
                },
                store::ingest,
                readAhead));
  }

  /**
   * Returns the reader of data that is not XDM, arbitrary JSON objects (one document, or NDJSON)
   * and CSV files with a header line, through {@code mapping}, under this instance's limits.
   */
  public MappedInput mapping(FieldMapping mapping) {
    Objects.requireNonNull(mapping, "mapping");
    return new MappedInput(this, new MappedReader(mapping, ingestionTime));
  }

  int maxRecordBytes() {
    return maxRecordBytes;
  }

  int maxEventBytes() {
    return maxEventBytes;
  }

  int maxReportedProblems() {
    return maxReportedProblems;
  }

  boolean readAhead() {
    return readAhead;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  CsvMapper csvMapper() {
    return csvMapper;
  }

  // ---------------------------------------------------------------------------------------------
  // Out

  /**
   * Writes a record as XDM, the shape {@link #readRecord(String, String)} reads: {@code
   * identityMap}, nested attributes, the custom timestamp as {@code
   * extSourceSystemAudit.lastUpdatedDate}. XDM has no field for the ingestion timestamp.
   */
  public String writeRecord(Record record) {
    Objects.requireNonNull(record, "record");
    return writer.writeValueAsString(XdmWriter.record(record));
  }

  /** Writes an event as XDM, the shape {@link #readEvent(String, String)} reads. */
  public String writeEvent(Event event) {
    Objects.requireNonNull(event, "event");
    return writer.writeValueAsString(XdmWriter.event(event));
  }

  /**
   * Writes a profile in the shape of AEP's entities API: {@code {"<entityId>": {"entityId": …,
   * "sources": [datasets…], "entity": {"identities": [{"id": …, "namespace": {"code": …},
   * "primary": true|false}], …nested attributes}, "lastModifiedAt": ISO-8601}}}.
   */
  public String writeProfile(Profile profile) {
    Objects.requireNonNull(profile, "profile");
    return writer.writeValueAsString(ProfileWriter.profile(profile));
  }

  /**
   * Writes one stored attribute value as compact JSON, exactly as {@link #writeProfile} and the
   * other writers write it inside a document: strings and booleans as themselves, Longs and
   * BigDecimals as JSON numbers with their digits, Doubles in {@link Double#toString}'s form (an
   * integral one keeps its fraction, {@code 2.0}; very large and very small ones take an exponent,
   * {@code 1.0E300}; NaN and the infinities, which a store refuses to hold, as the strings {@code
   * "NaN"} and {@code "Infinity"}), instants as ISO-8601 strings, lists as arrays and maps as
   * objects, recursively. This is the one writer of values; a front end that embeds values in its
   * own JSON (the profile viewer's search results) uses it so that they read the same there.
   *
   * @param value a value as a {@link Profile} holds it (String, Boolean, Long, Double, BigDecimal,
   *     Instant, List, Map)
   * @return the JSON text, never pretty-printed
   * @throws NullPointerException if {@code value} is null
   */
  public static String writeValue(Object value) {
    Objects.requireNonNull(value, "value");
    return DEFAULTS.mapper.writeValueAsString(JsonValues.toJson(value));
  }

  /**
   * Writes a page of events in the shape of AEP's entities API: {@code {"_page": {"count": n,
   * "next": cursor}, "children": [{"entityId", "sources", "timestamp", "entity": XDM event}],
   * "_links": {"next": {"href": linkBase + "start=" + cursor}}}}; on the last page {@code next} and
   * {@code href} are empty.
   *
   * @param linkBase the URL the next link continues, such as {@code /entities?relatedEntityId=…}
   */
  public String writeEvents(EventPage page, String linkBase) {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(linkBase, "linkBase");
    return writer.writeValueAsString(ProfileWriter.events(page, linkBase));
  }

  /**
   * Reads back a page of events written by {@link #writeEvents}: each child's {@code entity} is
   * read as an XDM event of the dataset its {@code sources} name.
   *
   * @throws InvalidJsonException if the JSON is not such a page
   */
  public EventPage readEvents(String json) {
    JsonNode root = Json.parse(mapper, Objects.requireNonNull(json, "json"), "events page");
    Json.requireObject(root, "events page");
    ArrayNode children = Json.requireArray(root.get("children"), "children");
    List<Event> events = new ArrayList<>(children.size());
    for (int i = 0; i < children.size(); i++) {
      String at = "children[" + i + "]";
      JsonNode child = children.get(i);
      Json.requireObject(child, at);
      List<String> sources = Json.strings(child, "sources", at + ".sources");
      if (sources.size() != 1 || sources.get(0).isBlank()) {
        throw new InvalidJsonException(
            InputProblem.WRONG_TYPE, at + ".sources must name one dataset, but was " + sources);
      }
      JsonNode entity = child.get("entity");
      Json.requireObject(entity, at + ".entity");
      byte[] bytes = mapper.writeValueAsBytes(entity);
      events.add(reader.event(sources.get(0), bytes, 0, bytes.length));
    }
    JsonNode meta = root.get("_page");
    Json.requireObject(meta, "_page");
    String next = Json.optionalString(meta, "next", "_page.next");
    return new EventPage(events, next == null || next.isEmpty() ? null : next);
  }

  /**
   * Writes an identity graph: {@code {"profileId", "identities": [{"id", "namespace": {"code"},
   * "type", "firstSeen", "lastSeen", "datasets"}], "links": [{"from", "to", "firstSeen",
   * "lastSeen", "datasets", "status"}], "removedLinks": […]}}, times as ISO-8601.
   */
  public String writeGraph(GraphView graph) {
    Objects.requireNonNull(graph, "graph");
    return writer.writeValueAsString(GraphCodec.write(graph));
  }

  /**
   * Reads back an identity graph written by {@link #writeGraph}.
   *
   * @throws InvalidJsonException if the JSON is not such a graph
   */
  public GraphView readGraph(String json) {
    return GraphCodec.read(Json.parse(mapper, Objects.requireNonNull(json, "json"), "graph"));
  }

  /**
   * Writes an explanation: {@code {"path", "value", "rule", "winner", "candidates": [{"value",
   * "dataset", "primaryIdentity", "timestamp"}]}}; instants among the values become ISO-8601
   * strings.
   */
  public String writeExplanation(Explanation explanation) {
    Objects.requireNonNull(explanation, "explanation");
    return writer.writeValueAsString(ExplanationCodec.write(explanation));
  }

  /**
   * Reads back an explanation written by {@link #writeExplanation}; values come back as JSON types
   * (String, Boolean, Long, Double or BigDecimal, List, Map), so an instant comes back as its
   * ISO-8601 string.
   *
   * @throws InvalidJsonException if the JSON is not such an explanation
   */
  public Explanation readExplanation(String json) {
    return ExplanationCodec.read(
        Json.parse(mapper, Objects.requireNonNull(json, "json"), "explanation"));
  }

  /**
   * Writes a merge policy in AEP's JSON: {@code id}, {@code name}, {@code identityGraph.type}
   * ({@code none} or {@code pdg}), {@code attributeMerge.type} ({@code timestampOrdered}, or {@code
   * dataSetPrecedence} with {@code order}) and {@code default}; the array settings (policy-wide and
   * per path) and built-in per-path overrides go under {@code "rtprofile"}, which AEP ignores.
   *
   * @throws IllegalArgumentException if the policy has an override that is not a built-in strategy,
   *     which JSON cannot carry
   */
  public String writeMergePolicy(MergePolicy policy, boolean isDefault) {
    Objects.requireNonNull(policy, "policy");
    return writer.writeValueAsString(MergePolicyCodec.write(policy, isDefault));
  }

  /**
   * Reads a merge policy from AEP's JSON; fields AEP adds ({@code imsOrgId}, {@code version},
   * {@code updateEpoch}, {@code schema}…) are ignored. An absent {@code id} or {@code name} keeps
   * the factory's; an absent {@code identityGraph} means {@code pdg}.
   *
   * @throws InvalidJsonException if the JSON is not such a policy
   */
  public MergePolicyDocument readMergePolicy(String json) {
    return MergePolicyCodec.read(
        Json.parse(mapper, Objects.requireNonNull(json, "json"), "merge policy"));
  }

  /**
   * Reads a store configuration file: {@code namespaces} ({@code [{"code", "type", "normalizer"}]},
   * a code without a type naming a standard namespace), {@code linkingRules} ({@code {"unique",
   * "priority", "maxUniqueNamespaces"}}), the limits ({@code graphLimit}, {@code hubLimit}, {@code
   * maxComponentSize}, {@code maxIdentitiesPerRecord}, {@code maxRecordSize}, {@code maxEventSize},
   * {@code profileCacheSize}), {@code blockedValues} ({@code [{"namespace", "value"}]}), {@code
   * blockedPatterns} ({@code [{"namespace", "regex"}]}), {@code mergePolicies} (AEP merge policies,
   * the one marked {@code default} the store's default), {@code updateModes} ({@code {dataset:
   * "REPLACE"|"UPSERT"}}), {@code eventRetention} ({@code {dataset: "P30D"}}), {@code indexes}
   * (paths, or {@code {"policy", "path"}}) and named {@code mappings} ({@code {"identities":
   * [{"pointer", "namespace", "primary"}], "attributes": [{"pointer", "path", "type"}],
   * "customTimestamp", "timestamp", "eventId", "eventType"}}). Every setting is checked while
   * reading.
   *
   * @throws InvalidJsonException if the file is not such a configuration, naming the field
   */
  public StoreConfiguration readStoreConfiguration(String json) {
    return StoreConfigurationCodec.read(
        Json.parse(mapper, Objects.requireNonNull(json, "json"), "store configuration"));
  }

  /**
   * Builds a {@link ProfileJson}. Setters validate at once. Not thread-safe; {@code build()} may be
   * called again.
   */
  public static final class Builder {
    private int maxRecordBytes = 100 * 1024;
    private int maxEventBytes = 10 * 1024;
    private int maxNestingDepth = 64;
    private int maxStringLength = 64 * 1024;
    private int maxReportedProblems = 10_000;
    private @Nullable Clock ingestionTime;
    private boolean prettyPrint;
    private boolean readAhead = Runtime.getRuntime().availableProcessors() > 1;

    private Builder() {}

    /**
     * Sets the largest record accepted, in bytes of JSON (one NDJSON line, its line end not
     * counted). Default: 102400 (100 KB, AEP's limit).
     */
    public Builder maxRecordBytes(int bytes) {
      this.maxRecordBytes = positive("maxRecordBytes", bytes);
      return this;
    }

    /**
     * Sets the largest experience event accepted, in bytes of JSON (one NDJSON line, its line end
     * not counted). Default: 10240 (10 KB, AEP's limit).
     */
    public Builder maxEventBytes(int bytes) {
      this.maxEventBytes = positive("maxEventBytes", bytes);
      return this;
    }

    /**
     * Sets how deeply objects and arrays may nest, through Jackson's {@code StreamReadConstraints}.
     * Default: 64.
     */
    public Builder maxNestingDepth(int depth) {
      this.maxNestingDepth = positive("maxNestingDepth", depth);
      return this;
    }

    /**
     * Sets the longest string value accepted, in characters, through Jackson's {@code
     * StreamReadConstraints}. Default: 65536.
     */
    public Builder maxStringLength(int chars) {
      this.maxStringLength = positive("maxStringLength", chars);
      return this;
    }

    /**
     * Sets how many problem lines an {@link IngestReport} lists; the rest are only counted, so that
     * a file of any size is read in bounded memory. Default: 10000.
     */
    public Builder maxReportedProblems(int max) {
      if (max < 0) {
        throw new IllegalArgumentException(
            "maxReportedProblems must not be negative, but was " + max);
      }
      this.maxReportedProblems = max;
      return this;
    }

    /**
     * Stamps every record read with this clock's time as its ingestion timestamp. Default: none,
     * the store's clock stamps records when it ingests them. Events carry their own timestamp.
     */
    public Builder ingestionTime(Clock clock) {
      this.ingestionTime = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets whether streamed NDJSON is read ahead: a thread splits the input into batches of lines,
     * one parser thread per processor reads them, and the calling thread stores them, so that
     * reading and storing overlap. Lines still reach the store, the report and the listener in
     * input order, on the calling thread; about 3 MB of lines per processor wait for the store at
     * most. Default: on when the JVM has more than one processor.
     */
    public Builder readAhead(boolean readAhead) {
      this.readAhead = readAhead;
      return this;
    }

    /** Sets whether written JSON is indented. Default: false, compact. */
    public Builder prettyPrint(boolean pretty) {
      this.prettyPrint = pretty;
      return this;
    }

    /** Returns the configured instance; the builder can be used again. */
    public ProfileJson build() {
      return new ProfileJson(this);
    }

    private static int positive(String setter, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(setter + " must be at least 1, but was " + value);
      }
      return value;
    }
  }
}
