package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.quartz.Scheduler;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.dialing.DialHarness;
import sa.navaia.dialer.sandbox.LedgerEntry;
import sa.navaia.dialer.user.Role;
import sa.navaia.dialer.user.UserRepository;

/**
 * A campaign manager's afternoon in a real headless Chromium (Debian's, driven through Debian's chromedriver):
 * sign in, create a campaign, upload a list whose header says "Phone Number", accept the proposed mapping, start
 * the campaign against the sandbox, watch the placed count rise without a reload, pause it (no call reaches the
 * carrier more than 1 s after the click, checked on the sandbox's ledger), open the report, export CSV, look a contact up
 * (its attempts with the identification message heard and the key-press opt-out), and read the audit log. Any console error in a page fails the test. Without Chromium it fails: run
 * {@code ops/console/install-browser.sh}.
 */
class ConsoleBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String PASSWORD = "a long enough passphrase";
    static final int CONTACTS = 40;
    static final String IDENTIFICATION = "This call was for telemarketing purposes, on behalf of Acme Inc. Goodbye.";

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.class, names = "MARIADB")
    void aManagerImportsStartsWatchesPausesAndExportsInTheBrowser(TestDatabase kind) throws Exception {
        assertThat(CHROMIUM).as("Chromium is needed: run ops/console/install-browser.sh").exists();
        assertThat(CHROMEDRIVER).as("chromedriver is needed: run ops/console/install-browser.sh").exists();
        try (DialHarness harness = new DialHarness(kind, 20)) {
            ConfigurableApplicationContext worker = harness.consoleWorker(work.resolve("data"), 2);
            worker.getBean(Scheduler.class).start();
            worker.getBean(UserRepository.class).create("maria", worker.getBean(PasswordEncoder.class).encode(PASSWORD),
                    Role.ADMIN);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) worker).getWebServer().getPort();
            Path csv = work.resolve("crm-export.csv");
            List<String> lines = new ArrayList<>(List.of("Phone Number,Full Name,E-mail"));
            for (int i = 0; i < CONTACTS; i++) {
                lines.add(String.format("+1212555%04d,Client %d,client%d@example.com", 1000 + i, i, i));
            }
            Files.write(csv, lines);

            WebDriver browser = chromium();
            try {
                browser.get(base + "/login");
                browser.findElement(By.id("username")).sendKeys("maria");
                browser.findElement(By.id("password")).sendKeys(PASSWORD);
                browser.findElement(By.cssSelector("button[type=submit]")).click();
                waitForUrl(browser, ".*/campaigns");
                noConsoleErrors(browser);

                browser.get(base + "/campaigns/new");
                type(browser, "name", "Spring renewals");
                type(browser, "window", "00:00-23:59");
                type(browser, "cps", "2");
                new Select(browser.findElement(By.id("consentRequired"))).selectByValue("false");
                browser.findElement(By.cssSelector("main button[type=submit]")).click();
                waitForUrl(browser, ".*/campaigns/\\d+/import");
                String campaignPath = browser.getCurrentUrl().replaceAll(".*(/campaigns/\\d+)/import", "$1");
                noConsoleErrors(browser);

                browser.findElement(By.id("file")).sendKeys(csv.toString());
                browser.findElement(By.cssSelector("main button[type=submit]")).click();
                waitForUrl(browser, ".*/campaigns/\\d+/import/[0-9a-f-]+");
                assertThat(new Select(browser.findElement(By.id("map.phone"))).getFirstSelectedOption().getText())
                        .isEqualTo("Phone Number");
                assertThat(browser.findElement(By.id("preview")).getText()).contains("import as +12125551000");
                screenshot(browser, kind, "import-mapping");
                noConsoleErrors(browser);
                browser.findElement(By.cssSelector("#run-import button[type=submit]")).click();
                waitForText(browser, By.id("import-summary"), CONTACTS + " imported");
                noConsoleErrors(browser);
                browser.get(base + campaignPath);
                assertThat(browser.findElement(By.id("window-preview")).getText())
                        .matches("Right now \\d+ % of the " + CONTACTS + " contacts still to call may be called.*");
                noConsoleErrors(browser);

                browser.get(base + "/campaigns");
                browser.findElement(By.cssSelector("button[aria-label='Start Spring renewals']")).click();
                new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                        .until(page -> page.findElement(By.cssSelector("p.notice")).getText().contains("is now active"));
                ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
                WebElement placed = browser.findElement(By.cssSelector("tr[data-campaign] [data-field=placed]"));
                await().atMost(Duration.ofSeconds(30)).until(() -> number(placed.getText()) >= 2);
                long seen = number(placed.getText());
                screenshot(browser, kind, "campaigns-running");
                await().atMost(Duration.ofSeconds(30)).until(() -> number(placed.getText()) > seen);
                assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                        .as("the count rose without a reload").isEqualTo(true);
                noConsoleErrors(browser);

                Instant clicked = Instant.now();
                browser.findElement(By.cssSelector("button[aria-label='Pause Spring renewals']")).click();
                new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                        .until(page -> page.findElement(By.cssSelector("p.notice")).getText().contains("is now paused"));
                Thread.sleep(2000); // the time a late call would need to show up on the ledger
                List<LedgerEntry> ledger = harness.ledger();
                Instant lastCall = ledger.stream().map(LedgerEntry::receivedAt).max(Instant::compareTo).orElseThrow();
                System.out.printf("%s: %d calls placed; the last reached the carrier %d ms after the pause click%n",
                        kind, ledger.size(), Duration.between(clicked, lastCall).toMillis());
                assertThat(lastCall).isBefore(clicked.plusSeconds(1));
                assertThat(ledger.size()).isLessThan(CONTACTS);

                browser.get(base + campaignPath + "/report");
                assertThat(browser.findElement(By.id("attempts")).getText()).contains("+1212");
                screenshot(browser, kind, "report");
                String href = browser.findElement(By.id("export-csv")).getAttribute("href");
                Object exported = ((JavascriptExecutor) browser).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
                // The report's summary lines (# imports, registry, abandonment) come before the table's header.
                assertThat(((String) exported).lines().filter(line -> !line.startsWith("#")).findFirst())
                        .hasValueSatisfying(header -> assertThat(header).startsWith("attempt_id"));
                assertThat((String) exported).startsWith("# imports:").contains("+1212555");
                noConsoleErrors(browser);

                // The receiver records on the attempt what a person whom no agent reached heard, and their key press.
                String session = JdbcClient.create(worker.getBean(DataSource.class)).sql(
                        "SELECT session_id FROM call_attempts WHERE phone_e164 = '+12125551000' AND session_id IS NOT NULL")
                        .query(String.class).list().get(0);
                worker.getBean(CallAttemptRepository.class).recordIdentificationMessage(session, IDENTIFICATION);
                worker.getBean(CallAttemptRepository.class).recordKeyPressOptOut(session, Instant.parse("2026-11-20T14:03:05Z"));
                browser.get(base + "/contacts?q=%2B12125551000");
                browser.findElement(By.cssSelector("#contacts a")).click();
                waitForText(browser, By.id("attempts"), "dial", "Identification message", "Opted out by key", IDENTIFICATION,
                        "2026-11-20T14:03:05Z");
                noConsoleErrors(browser);
                browser.get(base + "/dnc");
                type(browser, "add-phone", "+12125551039");
                type(browser, "add-reason", "asked on the phone");
                browser.findElement(By.cssSelector("form[action='/dnc'] button")).click();
                waitForText(browser, By.id("dnc"), "+12125551039", "asked on the phone");
                noConsoleErrors(browser);
                browser.get(base + "/unmatched");
                assertThat(browser.findElement(By.tagName("main")).getText()).contains("Every post-call payload matched");
                noConsoleErrors(browser);

                browser.get(base + "/audit?username=maria");
                String audit = browser.findElement(By.id("audit")).getText();
                assertThat(audit).contains("campaign.create", "import.upload", "campaign.start", "campaign.pause",
                        "report.export", "dnc.add");
                noConsoleErrors(browser);
            } finally {
                browser.quit();
            }
        }
    }

    private WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(20));
        return driver;
    }

    /** Saved under target/console-screenshots for a reviewer (and the README's pictures). */
    private static void screenshot(WebDriver browser, TestDatabase kind, String name) throws java.io.IOException {
        Path folder = Files.createDirectories(Path.of("target/console-screenshots"));
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        Files.write(folder.resolve(kind + "-" + name + ".png"), png);
    }

    /** Waits for the navigation a click started: on a busy machine the click returns before the next page. */
    private static void waitForUrl(WebDriver browser, String regex) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> page.getCurrentUrl().matches(regex));
    }

    /**
     * Waits until the element shows every expected text. After a click the element found may still be the old page's
     * (stale once the next page replaces it), so it is looked up again on each try.
     */
    private static void waitForText(WebDriver browser, By element, String... expected) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> element + " never showed " + String.join(", ", expected))
                .until(page -> {
                    String text = page.findElement(element).getText();
                    return java.util.Arrays.stream(expected).allMatch(text::contains);
                });
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static long number(String text) {
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    private static void noConsoleErrors(WebDriver browser) {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors on " + browser.getCurrentUrl()).isEmpty();
    }

}
