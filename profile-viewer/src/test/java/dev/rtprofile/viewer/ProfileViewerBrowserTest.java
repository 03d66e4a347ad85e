package dev.rtprofile.viewer;

import static dev.rtprofile.viewer.ViewerFixtures.CRM_FIRST;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_CRM;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_EMAIL;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_NEWEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.store.ProfileStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), one
 * browser session for the class. Without the browser the tests are skipped, unless {@code
 * RTPROFILE_REQUIRE_BROWSER} is set (as CI sets it): then they fail. Screenshots of each view go to
 * {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileViewerBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private ProfileStore store;
  private ProfileViewer viewer;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private Path profileDir;

  private static final boolean BROWSER_PRESENT =
      Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  private static final String NO_BROWSER =
      "the browser tests need Debian's chromium and chromium-driver ("
          + CHROMIUM
          + ", "
          + CHROMEDRIVER
          + "); install them with apt-get install chromium chromium-driver";

  @BeforeAll
  void start() throws IOException {
    if (System.getenv("RTPROFILE_REQUIRE_BROWSER") != null) {
      Assertions.assertTrue(
          BROWSER_PRESENT, () -> "RTPROFILE_REQUIRE_BROWSER is set, but " + NO_BROWSER);
    }
    if (!BROWSER_PRESENT) {
      return;
    }
    store = ViewerFixtures.store();
    viewer = ProfileViewer.builder(store).port(0).start();
    profileDir = Files.createTempDirectory("rtprofile-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1366,900",
        "--user-data-dir=" + profileDir);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    // The page redraws lists as answers arrive; a wait re-reads an element that was replaced.
    wait.ignoring(StaleElementReferenceException.class);
    Files.createDirectories(SCREENSHOTS);
  }

  /** Skips each test, with the reason, where the browser is missing and not required. */
  @BeforeEach
  void requireBrowser() {
    Assumptions.assumeTrue(BROWSER_PRESENT, () -> "skipped: " + NO_BROWSER);
  }

  @AfterAll
  void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (viewer != null) {
      viewer.close();
    }
    if (profileDir != null) {
      try (var paths = Files.walk(profileDir)) {
        paths.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void open(String route) {
    driver.get("about:blank");
    driver.get(viewer.uri() + route);
    wait.until(d -> script("return document.getElementById('policy-select').options.length > 0"));
  }

  private Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  private List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  private WebElement one(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  private void waitForCount(String css, int count) {
    wait.until(d -> all(css).size() == count);
  }

  private void waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector(css), text));
  }

  private void screenshot(String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String janeRoute(String more) {
    return "#/profile?identity="
        + URLEncoder.encode(JANE_EMAIL.toText(), StandardCharsets.UTF_8)
        + more;
  }

  private static final String FIRST_NAME = "[data-value-path='person.name.firstName']";

  private long graphNodes() {
    return (Long)
        script(
            "var c = echarts.getInstanceByDom(document.getElementById('graph-chart'));"
                + " return c ? c.getOption().series[0].data.length : -1;");
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void search_byIdentity_opensTheProfile() {
    open("#/search");
    waitForCount("#results tbody tr", 20);
    assertThat(one("#results-title").getText()).isEqualTo("Browse: a sample of every profile");
    screenshot("search");

    WebElement input = one("#search-input");
    input.clear();
    input.sendKeys("Email:JANE@example.com");
    one("#search-button").click();
    waitForText("#results-title", "Identity lookup");
    waitForCount("#results tbody tr", 1);
    one("#results a.open-profile").click();

    waitForText(FIRST_NAME, JANE_NEWEST);
    assertThat(one("#profile-title").getText()).isNotBlank();
    assertThat(all("#identities li.identity")).hasSize(ViewerFixtures.JANE_GRAPH_SIZE);
    assertThat(all("#identities .badge")).hasSize(1);
    assertThat(all("#identities h4"))
        .extracting(WebElement::getText)
        .containsExactly("CRMID (1)", "ECID (1)", "Email (1)", "loyaltyId (1)");
    screenshot("profile");
  }

  @Test
  void search_byConditions_listsTheMatches() {
    open("#/search");
    WebElement input = one("#search-input");
    input.clear();
    input.sendKeys("loyalty.tier=gold loyalty.points>=1000", Keys.ENTER);
    waitForText("#results-title", "Search results");
    waitForCount("#results tbody tr", 8);
    assertThat(all("#results thead th"))
        .extracting(WebElement::getText)
        .startsWith(
            "Primary identity", "Profile id", "Identities", "loyalty.tier", "loyalty.points");
    assertThat(one("#results-next").isEnabled()).isFalse();
  }

  @Test
  void search_browse_pagesForwardAndBack() {
    open("#/search");
    waitForCount("#results tbody tr", 20);
    String first = one("#results tbody tr").getAttribute("data-profile-id");
    one("#results-next").click();
    waitForText("#results-page", "Page 2");
    int rest = store.statistics().profiles() - 20;
    waitForCount("#results tbody tr", rest);
    assertThat(one("#results-next").isEnabled()).isFalse();
    one("#results-prev").click();
    waitForText("#results-page", "Page 1");
    wait.until(d -> first.equals(one("#results tbody tr").getAttribute("data-profile-id")));
  }

  @Test
  void search_malformedCondition_showsTheReason() {
    open("#/search");
    WebElement input = one("#search-input");
    input.clear();
    input.sendKeys("loyalty.points>=", Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
    assertThat(one("#message").getText())
        .isEqualTo(
            "no value after '>=' in 'loyalty.points>='; write one, in double quotes if it holds"
                + " spaces");
  }

  @Test
  void policySwitch_reMergesLive() {
    open(janeRoute(""));
    waitForText(FIRST_NAME, JANE_NEWEST);
    new Select(one("#policy-select")).selectByValue(CRM_FIRST);
    waitForText(FIRST_NAME, JANE_CRM);
    assertThat(driver.getCurrentUrl()).contains("policy=" + CRM_FIRST);
    assertThat(one("#profile-meta").getText()).contains("policy " + CRM_FIRST);
    new Select(one("#policy-select")).selectByValue("timestampOrdered");
    waitForText(FIRST_NAME, JANE_NEWEST);
  }

  @Test
  void explain_showsTheWinnerAndTheLosingValue() {
    open(janeRoute("&policy=" + CRM_FIRST));
    waitForText(FIRST_NAME, JANE_CRM);
    WebElement leaf = one("button.leaf[data-path='person.name.firstName']");
    leaf.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("explain-winner")));
    assertThat(one("#explain-value").getText()).isEqualTo(JANE_CRM);
    assertThat(one("#explain-winner").getText())
        .isEqualTo("Winner: dataset crm, fragment of CRMID:c-jane, at 2026-03-01 09:00:00Z");
    assertThat(all("#explain-candidates tbody tr"))
        .extracting(WebElement::getText)
        .containsExactly(
            "won Jane crm 2026-03-01 09:00:00Z", "lost Janie loyalty 2026-03-01 10:00:00Z");
    assertThat(leaf.getAttribute("aria-pressed")).isEqualTo("true");
    screenshot("explain");
  }

  @Test
  void events_pageFilterAndShowRawJson() {
    open(janeRoute("&tab=events"));
    waitForText("#events-page", "Page 1 · 20 events");
    String newest = one("#events-list li").getAttribute("data-event-id");
    assertThat(newest).isEqualTo("jane-044");
    one("#events-next").click();
    waitForText("#events-page", "Page 2 · 20 events");
    assertThat(one("#events-list li").getAttribute("data-event-id")).isEqualTo("jane-024");
    one("#events-next").click();
    waitForText("#events-page", "Page 3 · 5 events");
    waitForCount("#events-list li", 5);
    assertThat(one("#events-next").isEnabled()).isFalse();
    one("#events-prev").click();
    waitForText("#events-page", "Page 2 · 20 events");

    wait.until(d -> all("#event-type option").size() == 3);
    new Select(one("#event-type")).selectByValue("commerce.purchase");
    waitForText("#events-page", "Page 1 · 15 events");
    assertThat(all("#events-list .etype"))
        .extracting(WebElement::getText)
        .hasSize(ViewerFixtures.JANE_PURCHASES)
        .containsOnly("commerce.purchase");
    WebElement toggle = one("#events-list li .raw-toggle");
    toggle.click();
    WebElement raw = one("#events-list li pre.raw");
    wait.until(ExpectedConditions.visibilityOf(raw));
    assertThat(raw.getText())
        .contains("\"eventType\": \"commerce.purchase\"", "\"_id\": \"jane-044\"");
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
    screenshot("events");
  }

  @Test
  void graph_drawsEveryIdentityAndRecentresOnClick() {
    open(janeRoute("&tab=graph"));
    // Jane's four identities and, across the dashed removed link, the kiosk device.
    wait.until(d -> graphNodes() == ViewerFixtures.JANE_GRAPH_SIZE + 1);
    assertThat(
            (Long)
                script(
                    "return echarts.getInstanceByDom(document.getElementById('graph-chart'))"
                        + ".getOption().series[0].links.filter(function (l) {"
                        + " return l.lineStyle.type === 'dashed'; }).length;"))
        .isEqualTo(1L);
    assertThat(one("#graph-summary").getText())
        .startsWith("4 identities, 3 links, 1 removed by the linking rules (dashed)");
    assertThat(all("#graph-links tbody tr")).hasSize(4);
    screenshot("graph");

    // Click Jane's CRMID node on the canvas: the drawing centres on it.
    String crmid = ViewerFixtures.JANE_CRMID.toText();
    List<?> at =
        (List<?>)
            script(
                "var c = echarts.getInstanceByDom(document.getElementById('graph-chart'));"
                    + " var data = c.getModel().getSeriesByIndex(0).getData();"
                    + " var i = data.indexOfName(arguments[0]);"
                    + " return c.convertToPixel({seriesIndex: 0}, data.getItemLayout(i));",
                crmid);
    WebElement canvas = one("#graph-chart");
    int x =
        (int) Math.round(((Number) at.get(0)).doubleValue() - canvas.getSize().getWidth() / 2.0);
    int y =
        (int) Math.round(((Number) at.get(1)).doubleValue() - canvas.getSize().getHeight() / 2.0);
    new Actions(driver).moveToElement(canvas, x, y).click().perform();
    wait.until(
        d ->
            "true"
                .equals(
                    one("#graph-nodes button[data-identity='" + crmid + "']")
                        .getAttribute("aria-pressed")));
    assertThat(one("#graph-summary").getText()).contains("Centred on " + crmid + ".");
    assertThat(graphNodes()).isEqualTo(ViewerFixtures.JANE_GRAPH_SIZE + 1);

    // The kiosk is in Tom's graph: centring on it opens Tom's profile and graph.
    one("#graph-nodes button[data-identity='" + ViewerFixtures.KIOSK_ECID.toText() + "']")
        .sendKeys(Keys.ENTER);
    wait.until(d -> all("#identities li.identity").size() == 2 && graphNodes() == 3);
    assertThat(all("#identities li.identity"))
        .extracting(e -> e.getAttribute("data-identity"))
        .containsExactly(ViewerFixtures.TOM_CRMID.toText(), ViewerFixtures.KIOSK_ECID.toText());
  }

  @Test
  void overview_showsCountsAndCharts() {
    open("#/overview");
    waitForText("#stat-profiles", String.valueOf(store.statistics().profiles()));
    assertThat(one("#stat-events").getText()).isEqualTo(String.valueOf(ViewerFixtures.JANE_EVENTS));
    assertThat(
            (Long)
                script(
                    "return echarts.getInstanceByDom(document.getElementById('chart-namespaces'))"
                        + ".getOption().yAxis[0].data.length;"))
        .isEqualTo((long) store.statistics().graph().identitiesByNamespace().size());
    assertThat(
            (Long)
                script(
                    "return echarts.getInstanceByDom(document.getElementById('chart-sizes'))"
                        + ".getOption().series[0].data.length;"))
        .isEqualTo((long) store.statistics().graph().sizeHistogram().size());
    assertThat(one("#overview-multiple h4").getText()).isEqualTo("Email: 1 graph");
    screenshot("overview");
    one("#overview-multiple a").click();
    waitForCount("#identities li.identity", 3);
  }

  @Test
  void keyboard_reachesTheSearchControlsInOrder() {
    open("#/search");
    waitForCount("#results tbody tr", 20);
    one("#search-input").click();
    one("#search-input").sendKeys(Keys.TAB);
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("policy-select");
    driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("search-button");
    driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("nav-search");
  }

  @Test
  void accessToken_isTakenFromTheAddressFragmentOrAskedFor() {
    String token = "browser-token-0123456789";
    try (ProfileViewer guarded = ProfileViewer.builder(store).port(0).accessToken(token).start()) {
      driver.get("about:blank");
      driver.get(guarded.uri() + "#token=" + token + "&/overview");
      waitForText("#stat-profiles", String.valueOf(store.statistics().profiles()));
      assertThat(driver.getCurrentUrl()).doesNotContain(token).endsWith("/#/overview");

      script("sessionStorage.clear()");
      driver.get("about:blank");
      driver.get(guarded.uri() + "#token=" + token);
      waitForText("#results-title", "Browse: a sample of every profile");
      assertThat(driver.getCurrentUrl()).doesNotContain(token).endsWith("/#/search");

      script("sessionStorage.clear()");
      driver.get("about:blank");
      driver.get(guarded.uri() + "#/overview");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-form")));
      assertThat(one("#message").getText())
          .startsWith("token is required: send it as Authorization: Bearer <token>");
      one("#token-input").sendKeys(token, Keys.ENTER);
      waitForText("#stat-profiles", String.valueOf(store.statistics().profiles()));
      assertThat(one("#token-form").isDisplayed()).isFalse();
    }
  }
}
