package dev.rtprofile.benchmarks;

import dev.rtprofile.identity.Identity;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import tools.jackson.databind.ObjectMapper;

/**
 * Seeded, deterministic NDJSON for the ingest benchmark, in the XDM shape {@code profile-json}
 * reads. The identities come from {@link LinkingData} (2 to 4 per line among Email, Phone, CRMID
 * and ECID, about 20% of the lines sharing one with a recent line), so the lines link into graphs
 * as real data does; the second identity is the primary one.
 *
 * <ul>
 *   <li>A <b>record</b> line has an {@code identityMap}, 15 to 30 leaf attributes drawn from a
 *       catalogue of {@value #CATALOGUE_SIZE} XDM-like paths 2 or 3 levels deep ({@code
 *       person.name.firstName}, {@code homeAddress.geo.latitude}, {@code loyalty.points}…: strings,
 *       longs, doubles, booleans and a string array) and {@code
 *       extSourceSystemAudit.lastUpdatedDate}; about 1,000 bytes.
 *   <li>An <b>event</b> line has {@code _id}, an ISO-8601 {@code timestamp}, an {@code eventType},
 *       an {@code identityMap} of the line's first 2 identities, and 8 to 12 leaf attributes (page,
 *       referrer, browser, geo, and for commerce events an array of product objects); about 750
 *       bytes.
 * </ul>
 */
public final class IngestData {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald"};
  private static final String[] CITY = {"Lyon", "Porto", "Oslo", "Graz", "Turku", "Cork", "Bonn"};
  private static final String[] TIER = {"bronze", "silver", "gold", "platinum"};
  private static final String[] INTEREST = {
    "running", "jazz", "cooking", "travel", "chess", "film"
  };
  private static final String[] EVENT_TYPE = {
    "web.webpagedetails.pageViews", "commerce.productViews", "commerce.purchases"
  };

  /** One catalogue entry: a leaf path and how to draw its value. */
  private record Field(String path, Function<SplittableRandom, Object> value) {}

  private static final List<Field> CATALOGUE =
      List.of(
          new Field("person.name.firstName", r -> pick(r, FIRST)),
          new Field("person.name.lastName", r -> "Family" + r.nextInt(50_000)),
          new Field("person.name.middleName", r -> pick(r, FIRST)),
          new Field("person.birthDate", r -> (1940 + r.nextInt(70)) + "-0" + (1 + r.nextInt(9))),
          new Field("person.gender", r -> r.nextBoolean() ? "female" : "male"),
          new Field("homeAddress.street1", r -> r.nextInt(200) + " Main Street"),
          new Field("homeAddress.city", r -> pick(r, CITY)),
          new Field("homeAddress.postalCode", r -> String.valueOf(10_000 + r.nextInt(89_999))),
          new Field("homeAddress.country", r -> "EU"),
          new Field("homeAddress.geo.latitude", r -> 35 + r.nextInt(3_000) / 100.0),
          new Field("homeAddress.geo.longitude", r -> -10 + r.nextInt(4_000) / 100.0),
          new Field("mobilePhone.number", r -> "+4" + (100_000_000L + r.nextInt(900_000_000))),
          new Field("mobilePhone.status", r -> r.nextBoolean() ? "active" : "inactive"),
          new Field("personalEmail.address", r -> "p" + r.nextInt(1_000_000) + "@example.org"),
          new Field("personalEmail.status", r -> "active"),
          new Field("loyalty.tier", r -> pick(r, TIER)),
          new Field("loyalty.points", r -> (long) r.nextInt(100_000)),
          new Field("loyalty.memberSince", r -> (2000 + r.nextInt(26)) + "-01-01"),
          new Field("loyalty.program.name", r -> "Club"),
          new Field("loyalty.program.level", r -> (long) r.nextInt(5)),
          new Field("consents.marketing.email.val", r -> r.nextBoolean() ? "y" : "n"),
          new Field("consents.marketing.sms.val", r -> r.nextBoolean() ? "y" : "n"),
          new Field("consents.marketing.push.val", r -> r.nextBoolean() ? "y" : "n"),
          new Field("consents.collect.val", r -> "y"),
          new Field("commerce.lastOrder.id", r -> "o-" + r.nextInt(1_000_000)),
          new Field("commerce.lastOrder.total", r -> r.nextInt(100_000) / 100.0),
          new Field("commerce.lastOrder.currency", r -> "EUR"),
          new Field("commerce.cart.items", r -> (long) r.nextInt(12)),
          new Field("commerce.cart.value", r -> r.nextInt(50_000) / 100.0),
          new Field("preferences.language", r -> r.nextBoolean() ? "en" : "fr"),
          new Field(
              "preferences.interests", r -> List.of(pick(r, INTEREST), pick(r, INTEREST) + "2")),
          new Field("preferences.newsletter", SplittableRandom::nextBoolean),
          new Field("web.lastVisit.page", r -> "/products/" + r.nextInt(5_000)),
          new Field("web.lastVisit.browser", r -> r.nextBoolean() ? "firefox" : "chrome"),
          new Field("web.visits", r -> (long) r.nextInt(400)));

  /** How many leaf paths the record catalogue holds. */
  public static final int CATALOGUE_SIZE = 35;

  /** The NDJSON bytes, each line ending with {@code \n}. */
  public final byte[] ndjson;

  /** Line {@code i} is {@code ndjson[starts[i], starts[i + 1] - 1)}; one more entry than lines. */
  public final int[] starts;

  private IngestData(byte[] ndjson, int[] starts) {
    this.ndjson = ndjson;
    this.starts = starts;
  }

  /** How many lines the data holds. */
  public int lines() {
    return starts.length - 1;
  }

  /** Generates {@code lines} XDM records from {@code seed}. */
  public static IngestData records(int lines, long seed) {
    return generate(lines, seed, false);
  }

  /** Generates {@code lines} XDM experience events from {@code seed}. */
  public static IngestData events(int lines, long seed) {
    return generate(lines, seed, true);
  }

  private static IngestData generate(int lines, long seed, boolean events) {
    if (CATALOGUE.size() != CATALOGUE_SIZE) {
      throw new IllegalStateException("catalogue size " + CATALOGUE.size());
    }
    LinkingData ids = LinkingData.generate(lines, seed);
    SplittableRandom random = new SplittableRandom(seed + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 800);
    int[] starts = new int[lines + 1];
    for (int i = 0; i < lines; i++) {
      starts[i] = out.size();
      List<Identity> identities = ids.identities.get(i);
      String time = Instant.ofEpochMilli(ids.timestamps[i]).toString();
      Map<String, Object> line =
          events
              ? event(i, time, identities.subList(0, 2), random)
              : record(time, identities, random);
      out.writeBytes(MAPPER.writeValueAsBytes(line));
      out.write('\n');
    }
    starts[lines] = out.size();
    return new IngestData(out.toByteArray(), starts);
  }

  /**
   * One record line as a map for Jackson: {@code identities} (the second one primary), 15 to 30
   * catalogue attributes drawn from {@code random}, and {@code time} as the custom timestamp.
   */
  static Map<String, Object> record(
      String time, List<Identity> identities, SplittableRandom random) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("identityMap", identityMap(identities));
    int count = 15 + random.nextInt(16);
    // Choose `count` of the catalogue's paths, keeping catalogue order, so objects stay together.
    int left = count;
    for (int f = 0; f < CATALOGUE_SIZE && left > 0; f++) {
      if (random.nextInt(CATALOGUE_SIZE - f) < left) {
        Field field = CATALOGUE.get(f);
        put(line, field.path(), field.value().apply(random));
        left--;
      }
    }
    put(line, "extSourceSystemAudit.lastUpdatedDate", time);
    return line;
  }

  private static Map<String, Object> event(
      int i, String time, List<Identity> identities, SplittableRandom random) {
    Map<String, Object> line = new LinkedHashMap<>();
    String type = pick(random, EVENT_TYPE);
    line.put("_id", "evt-" + i);
    line.put("timestamp", time);
    line.put("eventType", type);
    line.put("identityMap", identityMap(identities));
    put(line, "web.webPageDetails.name", "product " + random.nextInt(5_000));
    put(line, "web.webPageDetails.URL", "https://shop.example.com/p/" + random.nextInt(5_000));
    put(line, "web.webReferrer.URL", "https://search.example.net/?q=" + random.nextInt(10_000));
    put(line, "environment.browserDetails.name", random.nextBoolean() ? "Firefox" : "Chrome");
    put(line, "environment.type", "browser");
    put(line, "device.type", random.nextBoolean() ? "mobile" : "desktop");
    put(line, "placeContext.geo.city", pick(random, CITY));
    put(line, "placeContext.localTime", time);
    if (!type.equals(EVENT_TYPE[0])) {
      List<Object> products = new ArrayList<>();
      int n = 1 + random.nextInt(3);
      for (int p = 0; p < n; p++) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("SKU", "sku-" + random.nextInt(100_000));
        product.put("quantity", (long) (1 + random.nextInt(3)));
        product.put("priceTotal", random.nextInt(20_000) / 100.0);
        products.add(product);
      }
      line.put("productListItems", products);
      put(line, "commerce.order.currencyCode", "EUR");
      put(line, "commerce.order.priceTotal", random.nextInt(50_000) / 100.0);
    }
    return line;
  }

  /** XDM's identityMap: namespace to identities; the second identity is the primary one. */
  static Map<String, Object> identityMap(List<Identity> identities) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < identities.size(); i++) {
      Identity id = identities.get(i);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", id.value());
      entry.put("primary", i == 1);
      entry.put(
          "authenticatedState", id.namespace().equals("ECID") ? "ambiguous" : "authenticated");
      map.put(id.namespace(), List.of(entry));
    }
    return map;
  }

  /**
   * Puts {@code value} at the dotted {@code path} of {@code root}, making the objects on the way.
   */
  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> root, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> map = root;
    for (int i = 0; i < parts.length - 1; i++) {
      map = (Map<String, Object>) map.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
    }
    map.put(parts[parts.length - 1], value);
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
