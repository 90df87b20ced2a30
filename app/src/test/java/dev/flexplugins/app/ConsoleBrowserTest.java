package dev.flexplugins.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexplugins.grpc.v1.CreatePluginVersionRequest;
import dev.flexplugins.grpc.v1.PluginVersion;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's Chromium and chromedriver, driven by Selenium, against
 * the running application on a real database. Without Chromium the class is skipped, unless {@code
 * -Dflex.browser.required=true} (set by {@code .ci/run}, which installs it) makes that a failure.
 * Screenshots of each page go to {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final String CHROMIUM = System.getProperty("flex.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER =
            System.getProperty("flex.chromedriver", "/usr/bin/chromedriver");
    static final String HOSTILE = "<script>window.__pwned = 1</script><b>bold</b> & \"quotes\"";
    static final Path SHOTS = Path.of("target", "console-screenshots");

    static RunningService service;
    static GrpcClient grpc;
    static WebDriver browser;
    static Path profile;

    static String plugin;
    static String otherPlugin;
    static String v1;
    static String v2;
    static String v3;
    static String config1;
    static String config2;
    static String release1;
    static String release2;
    static String[] intruder;
    static String intruderPlugin;
    static String intruderRelease;
    static java.time.Instant beforeArchive;

    @BeforeAll
    static void start() throws IOException {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!installed && Boolean.getBoolean("flex.browser.required")) {
            throw new AssertionError(
                    CHROMIUM + " and " + CHROMEDRIVER + " are required (.ci/run installs them)");
        }
        Assumptions.assumeTrue(
                installed,
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        service = RunningService.start();
        grpc = new GrpcClient(service);
        seed();
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1280,1000",
                "--lang=en-US");
        ChromeDriverService driverService =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER))
                        .usingAnyFreePort()
                        .build();
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    /** An account with two plugins, three versions (one with a hostile changelog), two releases. */
    static void seed() {
        plugin =
                created(
                        "/Plugins",
                        "UniqueName=team-inbox&FriendlyName=Team+inbox&Description=Shows+the+team%27s+queue");
        otherPlugin = created("/Plugins", "UniqueName=wrap-up-notes&FriendlyName=Wrap-up+notes");
        created("/Plugins", "UniqueName=retired-banner");
        assertEquals(200, service.post("/Plugins/retired-banner/Archive", "").status());
        v1 =
                created(
                        "/Plugins/" + plugin + "/Versions",
                        "Version=1.0.0&PluginUrl=https://cdn.example.com/inbox/1.0.0.js&Changelog=First");
        v2 =
                created(
                        "/Plugins/" + plugin + "/Versions",
                        "Version=1.1.0&PluginUrl=https://cdn.example.com/inbox/1.1.0.js&Changelog="
                                + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8));
        v3 =
                created(
                        "/Plugins/" + otherPlugin + "/Versions",
                        "Version=2.0.0&PluginUrl=https://cdn.example.com/notes/2.0.0.js");
        config1 =
                created(
                        "/Configurations",
                        "Name=Spring&Plugins="
                                + URLEncoder.encode(
                                        "{\"plugin_version\":\"" + v1 + "\",\"phase\":3}",
                                        StandardCharsets.UTF_8)
                                + "&Plugins="
                                + URLEncoder.encode(
                                        "{\"plugin_version\":\"" + v3 + "\",\"phase\":3}",
                                        StandardCharsets.UTF_8));
        config2 =
                created(
                        "/Configurations",
                        "Name=Summer&Plugins="
                                + URLEncoder.encode(
                                        "{\"plugin_version\":\"" + v2 + "\",\"phase\":4}",
                                        StandardCharsets.UTF_8));
        release1 = created("/Releases", "ConfigurationId=" + config1);
        release2 = created("/Releases", "ConfigurationId=" + config2);
        intruder = service.newAccount();
        intruderPlugin = createdBy(intruder, "/Plugins", "UniqueName=not-yours");
        String intruderVersion =
                createdBy(
                        intruder,
                        "/Plugins/not-yours/Versions",
                        "Version=1.0.0&PluginUrl=https://cdn.example.com/x.js");
        String intruderConfig =
                createdBy(
                        intruder,
                        "/Configurations",
                        "Name=theirs&Plugins="
                                + URLEncoder.encode(
                                        "{\"plugin_version\":\"" + intruderVersion + "\"}",
                                        StandardCharsets.UTF_8));
        intruderRelease = createdBy(intruder, "/Releases", "ConfigurationId=" + intruderConfig);
        service.awaitFeed();
    }

    static String createdBy(String[] account, String path, String form) {
        RunningService.Reply reply =
                service.post(path, form, account[0], account[1], java.util.Map.of());
        assertEquals(201, reply.status(), reply.toString());
        return reply.json().get("sid").asText();
    }

    static String created(String path, String form) {
        RunningService.Reply reply = service.post(path, form);
        assertEquals(201, reply.status(), reply.toString());
        return reply.json().get("sid").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (grpc != null) {
            grpc.close();
        }
        if (service != null) {
            service.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void open(String path) {
        browser.get(service.baseUrl() + path);
    }

    static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    static List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    static void shot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(
                file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    static void signIn(String sid, String secret) {
        find("#sid").clear();
        find("#sid").sendKeys(sid);
        find("#secret").sendKeys(secret);
        navigate(find("form.card button[type=submit]"));
    }

    /** Clicks something that loads a new page, and waits until the old one is gone. */
    static void navigate(WebElement element) {
        element.click();
        // Gone once the browser says so: stale, or (mid-navigation) no longer in the document.
        waiting()
                .until(
                        d -> {
                            try {
                                element.isEnabled();
                                return false;
                            } catch (WebDriverException gone) {
                                return true;
                            }
                        });
    }

    static String path() {
        return browser.getCurrentUrl().substring(service.baseUrl().length());
    }

    // --- sign-in ---------------------------------------------------------------------------------

    @Test
    @Order(1)
    void signInRefusesWrongCredentialsAndAcceptsTheAccountsToken() throws IOException {
        open("/console/plugins");
        assertTrue(
                path().startsWith("/console/sign-in"),
                "a page without a session goes to sign-in: " + path());
        shot("sign-in");
        signIn(service.accountSid, "0123456789abcdef0123456789abcdef");
        assertTrue(
                find("#sign-in-error").getText().contains("not accepted"),
                find("#sign-in-error").getText());
        assertTrue(all("#plugins").isEmpty());
        assertEquals(null, browser.manage().getCookieNamed("flex_console"));

        signIn(service.accountSid, service.authToken);
        assertEquals("/console/plugins", path(), "back to the page first asked for");
        Cookie session = browser.manage().getCookieNamed("flex_console");
        assertNotNull(session);
        assertTrue(session.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", session.getSameSite());
        assertEquals("/console", session.getPath());
        assertFalse(session.isSecure(), "plain http here; Secure when served over https");
    }

    // --- plugins ---------------------------------------------------------------------------------

    @Test
    @Order(2)
    void pluginsPageListsSearchesAndMarksTheActiveRelease() throws IOException {
        open("/console/plugins");
        List<WebElement> rows = all("#plugins tbody tr");
        assertEquals(
                List.of(otherPlugin, plugin),
                rows.stream().map(r -> r.getAttribute("data-sid")).toList(),
                "newest first, archived hidden");
        WebElement inbox = find("#plugins tr[data-sid='" + plugin + "']");
        assertTrue(inbox.getText().contains("1.1.0"), "latest version: " + inbox.getText());
        assertTrue(inbox.getText().contains("in the active release"), inbox.getText());
        assertFalse(
                find("#plugins tr[data-sid='" + otherPlugin + "']")
                        .getText()
                        .contains("in the active release"));
        WebElement time = inbox.findElement(By.cssSelector("time"));
        assertTrue(
                time.getAttribute("title").endsWith("UTC"),
                "the UTC value on hover: " + time.getAttribute("title"));
        assertFalse(
                time.getText().endsWith("UTC"),
                "shown in the viewer's time zone: " + time.getText());
        shot("plugins");

        find("#q").sendKeys("wrap");
        navigate(find("form.filters button"));
        assertEquals(
                List.of(otherPlugin),
                all("#plugins tbody tr").stream().map(r -> r.getAttribute("data-sid")).toList());
        open("/console/plugins?archived=on");
        assertTrue(find("input[name=archived]").isSelected());
        assertEquals(3, all("#plugins tbody tr").size(), "archived shown on request");
        assertTrue(find("#plugins").getText().contains("retired-banner"));
    }

    @Test
    @Order(3)
    void pluginPageShowsVersionsNewestFirstAndAHostileChangelogAsText() throws IOException {
        open("/console/plugins/" + plugin);
        List<WebElement> rows = all("#versions tbody tr");
        assertEquals(
                List.of("1.1.0", "1.0.0"),
                rows.stream().map(r -> r.getAttribute("data-version")).toList());
        WebElement changelog = rows.get(0).findElement(By.cssSelector(".changelog"));
        assertEquals(HOSTILE, changelog.getText(), "the changelog is shown as it was written");
        assertTrue(
                changelog.findElements(By.cssSelector("b, script")).isEmpty(),
                "no markup from the changelog");
        assertEquals(
                null,
                ((JavascriptExecutor) browser)
                        .executeScript(
                                "return window.__pwned === undefined ? null : window.__pwned;"));
        assertTrue(rows.get(0).getText().contains(release2), "1.1.0 went out in " + release2);
        assertTrue(rows.get(1).getText().contains(release1), "1.0.0 went out in " + release1);
        shot("plugin");
    }

    // --- releases: roll back ---------------------------------------------------------------------

    @Test
    @Order(4)
    void rollBackMakesAnOlderConfigurationActiveAsTheRestApiReports() throws IOException {
        open("/console/releases");
        List<WebElement> releases = all("ol.releases > li");
        assertEquals(
                List.of(release2, release1),
                releases.stream().map(r -> r.getAttribute("data-sid")).toList());
        assertTrue(releases.get(0).getText().contains("active"));
        assertTrue(
                releases.get(0).findElements(By.cssSelector("button.roll-back")).isEmpty(),
                "no roll back to the active release");
        assertTrue(releases.get(1).getText().contains("Spring"));
        assertTrue(releases.get(1).getText().contains("wrap-up-notes"));
        shot("releases");
        navigate(releases.get(1).findElement(By.cssSelector("button.roll-back")));

        assertTrue(find(".banner.ok").getText().contains("Rolled back"), find("main").getText());
        JsonNode active = service.get("/Releases?PageSize=1").json().get("releases").get(0);
        assertEquals(
                config1,
                active.get("configuration_sid").asText(),
                "REST reports the rolled-back configuration active");
        String newRelease = active.get("sid").asText();
        assertFalse(
                List.of(release1, release2).contains(newRelease), "a new release, not a rewrite");
        assertEquals(newRelease, find("ol.releases > li").getAttribute("data-sid"));
        assertEquals(
                "console",
                lastEvent(newRelease).get("channel").asText(),
                "audited as a console action");
        assertEquals(service.accountSid, lastEvent(newRelease).get("actor").asText());
    }

    /** The "Archived" column of a version's row on the plugin page. */
    static String archivedCell(String versionSid) {
        return find("#versions tr[data-sid='" + versionSid + "']")
                .findElements(By.cssSelector("td"))
                .get(4)
                .getText();
    }

    static JsonNode lastEvent(String resource) {
        JsonNode events = service.get("/Events?ResourceSid=" + resource).json().get("events");
        return events.get(events.size() - 1);
    }

    // --- archive with confirmation
    // -----------------------------------------------------------------

    @Test
    @Order(5)
    void archiveAsksForConfirmationAndObeysTheDomainsRules() throws Exception {
        beforeArchive = java.time.Instant.now();
        Thread.sleep(20);
        // v1 is in the active release now (after the roll back): refused with the domain's reason.
        open("/console/plugins/" + plugin);
        navigate(find("#versions tr[data-sid='" + v1 + "'] a.danger"));
        assertTrue(
                find("main").getText().contains("Archive version 1.0.0 of team-inbox?"),
                find("main").getText());
        shot("confirm-archive");
        navigate(find("#confirm-archive"));
        assertTrue(
                find("#error-message").getText().contains("enabled"),
                find("#error-message").getText());
        assertFalse(
                service.get("/Plugins/" + plugin + "/Versions/" + v1)
                        .json()
                        .get("archived")
                        .asBoolean());

        // v2 is not in the active release: archived after the confirmation, and REST agrees.
        open("/console/plugins/" + plugin);
        navigate(find("#versions tr[data-sid='" + v2 + "'] a.danger"));
        assertTrue(path().endsWith("/archive"), "a confirmation step first: " + path());
        assertFalse(
                service.get("/Plugins/" + plugin + "/Versions/" + v2)
                        .json()
                        .get("archived")
                        .asBoolean(),
                "nothing archived before confirming");
        navigate(find("#confirm-archive"));
        assertEquals("/console/plugins/" + plugin + "?done=version-archived", path());
        assertEquals("yes", archivedCell(v2));
        assertTrue(
                service.get("/Plugins/" + plugin + "/Versions/" + v2)
                        .json()
                        .get("archived")
                        .asBoolean());
    }

    // --- configurations: diff --------------------------------------------------------------------

    @Test
    @Order(6)
    void diffOfTwoConfigurationsShowsWhatChanged() throws IOException {
        open("/console/configurations");
        assertEquals(
                List.of(config2, config1),
                all("#configurations tbody tr").stream()
                        .map(r -> r.getAttribute("data-sid"))
                        .toList());
        shot("configurations");
        open("/console/diff");
        new Select(find("#from")).selectByValue(config1);
        new Select(find("#to")).selectByValue(config2);
        navigate(find("form.filters button"));
        List<WebElement> lines = all("#diff tbody tr");
        assertEquals(2, lines.size(), find("#diff").getText());
        WebElement inbox = find("#diff tr[data-plugin='team-inbox']");
        assertEquals("version_changed", inbox.getAttribute("data-change"));
        assertTrue(inbox.getText().contains("1.0.0 → 1.1.0"), inbox.getText());
        assertTrue(inbox.getText().contains("3 → 4"), inbox.getText());
        assertEquals(
                "removed",
                find("#diff tr[data-plugin='wrap-up-notes']").getAttribute("data-change"));
        shot("diff");
    }

    // --- history ---------------------------------------------------------------------------------

    @Test
    @Order(7)
    void historyOfAVersionCreatedOverGrpc() throws IOException {
        PluginVersion created =
                grpc.stub(service.accountSid, service.authToken)
                        .createPluginVersion(
                                CreatePluginVersionRequest.newBuilder()
                                        .setPlugin("wrap-up-notes")
                                        .setVersion("2.1.0")
                                        .setPluginUrl("https://cdn.example.com/notes/2.1.0.js")
                                        .setChangelog("Made over gRPC")
                                        .build());
        service.awaitFeed();
        open("/console/history?resource=" + created.getSid());
        List<WebElement> rows = all("#timeline tr");
        assertEquals(1, rows.size());
        WebElement row = rows.get(0);
        assertEquals("plugin_version.created", row.getAttribute("data-type"));
        assertTrue(row.getText().contains("grpc"), row.getText());
        assertTrue(row.getText().contains(service.accountSid), "who: " + row.getText());
        assertTrue(row.getText().contains("Made over gRPC"), "what: " + row.getText());
        assertTrue(row.findElement(By.cssSelector("time")).getAttribute("title").endsWith("UTC"));
    }

    @Test
    @Order(8)
    void theAccountTimelineUpdatesLive() throws IOException {
        open("/console/history");
        int before = all("#timeline tr").size();
        assertTrue(before > 0);
        String newest = find("#timeline tr").getAttribute("data-position");
        String sid = created("/Plugins", "UniqueName=live-one&FriendlyName=Live");
        waiting()
                .until(
                        d ->
                                !d.findElements(
                                                By.cssSelector(
                                                        "#timeline tr:first-child a[href='/console/plugins/"
                                                                + sid
                                                                + "']"))
                                        .isEmpty());
        WebElement first = find("#timeline tr");
        assertEquals("plugin.created", first.getAttribute("data-type"));
        assertTrue(Long.parseLong(first.getAttribute("data-position")) > Long.parseLong(newest));
        assertTrue(first.getText().contains("rest"));
        assertEquals(before + 1, all("#timeline tr").size(), "one new row, nothing repeated");
        shot("history");
    }

    @Test
    @Order(9)
    void asOfShowsAPluginAsItWas() throws IOException {
        open("/console/plugins/" + plugin);
        assertEquals("yes", archivedCell(v2), "archived now");
        assertTrue(find("#asOf").isDisplayed(), "the as-of field is on the page");
        open("/console/plugins/" + plugin + "?asOf=" + beforeArchive);
        assertTrue(
                find(".banner.info").getText().startsWith("As it was at"), find("main").getText());
        assertEquals("no", archivedCell(v2), "not archived yet at that instant");
        assertTrue(all("a.danger").isEmpty(), "no actions on the past");
    }

    @Test
    @Order(10)
    void activityChartsReleasesAndVersions() throws IOException {
        open("/console/activity");
        assertEquals("3", find("#release-total").getText(), "two releases and the roll back");
        assertEquals("4", find("#version-total").getText(), "three over REST, one over gRPC");
        waiting().until(d -> "yes".equals(find("#activity-chart").getAttribute("data-drawn")));
        shot("activity");
    }

    // --- refusals
    // ----------------------------------------------------------------------------------

    @Test
    @Order(11)
    void aForgedPostIsRefusedAndChangesNothing() throws IOException {
        open("/console/releases");
        String activeBefore =
                service.get("/Releases?PageSize=1")
                        .json()
                        .get("releases")
                        .get(0)
                        .get("sid")
                        .asText();
        ((JavascriptExecutor) browser)
                .executeScript(
                        "var f = document.createElement('form'); f.method = 'post';"
                                + " f.action = '/console/releases/"
                                + release2
                                + "/roll-back';"
                                + " var i = document.createElement('input'); i.name = 'csrf'; i.value = 'forged'; f.appendChild(i);"
                                + " document.body.appendChild(f); f.submit();");
        waiting().until(d -> !d.findElements(By.id("error-message")).isEmpty());
        assertTrue(
                find("#error-message").getText().contains("nothing was changed"),
                find("#error-message").getText());
        assertEquals(
                activeBefore,
                service.get("/Releases?PageSize=1")
                        .json()
                        .get("releases")
                        .get(0)
                        .get("sid")
                        .asText());
        shot("forged-post");
    }

    @Test
    @Order(12)
    void anotherAccountsResourcesAreUnreachableByUrl() {
        open("/console/plugins/" + intruderPlugin);
        assertEquals("Not found", find("h1").getText());
        assertFalse(find("main").getText().contains("not-yours"));
        open("/console/history?resource=" + intruderPlugin);
        assertEquals("Not found", find("h1").getText());
        open("/console/configurations/" + intruderRelease);
        assertEquals("Not found", find("h1").getText());
        open("/console/releases");
        String csrf = find("form.signout input[name=csrf]").getAttribute("value");
        ((JavascriptExecutor) browser)
                .executeScript(
                        "var f = document.createElement('form'); f.method = 'post';"
                                + " f.action = '/console/releases/"
                                + intruderRelease
                                + "/roll-back';"
                                + " var i = document.createElement('input'); i.name = 'csrf'; i.value = arguments[0]; f.appendChild(i);"
                                + " document.body.appendChild(f); f.submit();",
                        csrf);
        waiting().until(d -> !d.findElements(By.id("error-message")).isEmpty());
        assertEquals("Not found", find("h1").getText());
        assertEquals(
                1,
                service.get("/Releases", intruder[0], intruder[1]).json().get("releases").size(),
                "the other account's releases are untouched");
    }

    @Test
    @Order(13)
    void readableAt360PixelsWide() throws IOException {
        browser.manage().window().setSize(new Dimension(360, 800));
        try {
            for (String page :
                    List.of(
                            "/console/plugins",
                            "/console/plugins/" + plugin,
                            "/console/releases",
                            "/console/history")) {
                open(page);
                Object overflow =
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                Object widest =
                        ((JavascriptExecutor) browser)
                                .executeScript(
                                        "var w = document.documentElement.clientWidth, out = [];"
                                                + " document.querySelectorAll('body *').forEach(function (e) {"
                                                + "   var s = e.parentElement && e.parentElement.closest('.scroll'); if (s) return;"
                                                + "   var r = e.getBoundingClientRect();"
                                                + "   if (r.right > w + 1) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));"
                                                + " }); return out.slice(0, 5).join(', ');");
                assertTrue(
                        ((Number) overflow).intValue() <= 0,
                        page + " scrolls sideways by " + overflow + " px at 360 px: " + widest);
            }
            open("/console/plugins");
            shot("plugins-360px");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(14)
    void signOutEndsTheSession() {
        open("/console/plugins");
        navigate(find("form.signout button"));
        assertTrue(path().startsWith("/console/sign-in"), path());
        assertTrue(find("main").getText().contains("signed out"));
        open("/console/plugins");
        assertTrue(path().startsWith("/console/sign-in"), "the session is over: " + path());
    }
}
