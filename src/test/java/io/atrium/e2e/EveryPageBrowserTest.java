package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.HttpApiClient;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Outbox;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.TestVideos;
import io.atrium.testsupport.Visitors;

/**
 * Every Playground page in a real Chromium, on a phone (390×844) and a laptop (1280×800), as an organization's
 * administrator, as its member and in a personal account: no page is wider than the window, axe-core finds no
 * serious or critical accessibility violation, and the shell works by keyboard (skip link, profile menu, the
 * phone's Menu drawer). The administrator's walk takes the screenshots of docs/screens.md: into target/screens on
 * every run (a test run leaves the checkout as it was), into the directory {@code atrium.screens.dir} names when
 * given, as docs/screens.md says, to bring the docs' screenshots up to date.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageBrowserTest extends BrowserTest {

    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension LAPTOP = new Dimension(1280, 800);
    private static final Path SCREENS = Path.of(System.getProperty("atrium.screens.dir", "target/screens"));
    private static final String PERSON = "Bob Builder";
    private static final String ORGANIZATION = "Bob's Builders";

    @Autowired
    JdbcClient jdbc;

    private String adminEmail;
    private String memberEmail;
    private String indexPath;
    private String videoPath;
    private String assetPath;
    private String deployBotPath;
    private String webhookPath;

    EveryPageBrowserTest() {
        super("every-page");
    }

    /**
     * Bob Builder's organization Bob's Builders (both BB), with an index holding a video, an image asset, an API key, a
     * member who joined through an invitation and an invitation still open: every page has something to show.
     */
    @BeforeAll
    void anOrganizationWithSomethingOnEveryPage() throws Exception {
        adminEmail = uniqueEmail("bob");
        memberEmail = uniqueEmail("grace");
        HttpVisitor admin = HttpVisitor.signedUp(port, PERSON, adminEmail);
        admin.submit("/settings/organization", "/settings/organization", Map.of("name", ORGANIZATION));
        HttpApiClient.Caller api = HttpApiClient.on(port).as(ApiKeys.create(admin, "Ingest pipeline"));
        String index = api.createIndex("Harbour footage");
        String video = api.readyVideo(index, TestVideos.shared("harbour.mp4", 5));
        indexPath = "/indexes/" + index;
        videoPath = indexPath + "/videos/" + video;
        assetPath = "/assets/" + api.readyAsset(TestVideos.still());

        admin.submit("/settings/members/invite", "/settings/members/invite", Map.of("emails", memberEmail, "role", "member"));
        String token = Outbox.latestInvitationToken(jdbc, memberEmail);
        new HttpVisitor(port).submit("/invitations/" + token + "/signup", "/invitations/" + token + "/signup",
                Map.of("name", "Grace Hopper", "password", Visitors.PASSWORD));
        admin.submit("/settings/members/invite", "/settings/members/invite",
                Map.of("emails", uniqueEmail("linus"), "role", "admin"));
        // An organization key, expiring within a week and rotating: the API Keys page shows both sections and marks.
        admin.submit("/settings/api-keys", "/settings/api-keys", Map.of("name", "Deploy bot", "expiration", "custom",
                "expiresOn", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3).toString(),
                "organizationKey", "true", "role", "member", "allowedAddresses", "203.0.113.0/24"));
        deployBotPath = "/settings/api-keys/" + jdbc.sql("select id from api_keys where name = 'Deploy bot' order by created_at desc limit 1")
                .query(String.class).single();
        admin.submit(deployBotPath + "/rotate", deployBotPath + "/rotate", Map.of("grace", "24"));
        // a documentation address (TEST-NET-3): public, so the address policy takes it, and nothing answers there
        String hookUrl = "https://203.0.113.10/atrium/" + adminEmail.hashCode();
        admin.submit("/settings/webhooks", "/settings/webhooks",
                Map.of("url", hookUrl, "description", "Nightly report", "events", "api_key.revoked"));
        webhookPath = "/settings/webhooks/" + jdbc.sql("select id from webhook_endpoints where url = :url")
                .param("url", hookUrl).query(String.class).single();
    }

    @Test
    void anAdministratorSeesEveryPageFitTheWindowWithoutSeriousAccessibilityProblems() {
        logIn(adminEmail, ORGANIZATION);
        List<String> pages = List.of("/", "/indexes", "/indexes/new", indexPath, indexPath + "/videos", videoPath,
                "/tasks", "/assets", assetPath, "/integrations", "/integrations/new", "/settings/organization",
                "/settings/members", "/settings/members/invite", "/settings/members/invitations", "/settings/api-keys",
                deployBotPath + "/rotate", deployBotPath + "/revoke", "/settings/usage", "/settings/billing",
                "/settings/billing/statements/" + java.time.YearMonth.now(java.time.ZoneOffset.UTC),
                "/settings/audit-log", "/settings/webhooks", webhookPath, "/profile", "/profile/sessions",
                "/profile/two-factor", "/dev/inbox");
        List<String> shown = List.of("/", "/indexes", indexPath + "/videos", videoPath, "/tasks", "/assets",
                "/integrations", "/settings/organization", "/settings/members", "/settings/api-keys", "/settings/usage",
                "/settings/billing", "/settings/audit-log", "/profile");
        assertThat(walk(pages, shown)).isEmpty();
    }

    @Test
    void aMemberSeesEveryPageFitTheWindowWithoutSeriousAccessibilityProblems() {
        logIn(memberEmail, ORGANIZATION);
        List<String> pages = List.of("/", "/indexes", indexPath, indexPath + "/videos", videoPath, "/tasks", "/assets",
                assetPath, "/integrations", "/settings/organization", "/settings/members", "/settings/api-keys",
                "/profile", "/profile/sessions", "/profile/two-factor");
        assertThat(walk(pages, List.of())).isEmpty();
    }

    @Test
    void aPersonalAccountSeesEveryPageFitTheWindowAndSwitchesToItsOrganizationFromTheOrganizationPage() {
        logIn(adminEmail, PERSON);
        List<String> pages = List.of("/", "/indexes", "/tasks", "/assets", "/integrations", "/settings/organization",
                "/settings/api-keys", "/settings/usage", "/settings/billing", "/settings/audit-log", "/settings/webhooks",
                "/profile");
        assertThat(walk(pages, List.of())).isEmpty();

        // Bob Builder (round) and Bob's Builders (square) share their initials, not their look.
        browser.findElement(By.cssSelector("summary.avatar")).click();
        browser.findElement(By.xpath("//summary[text()='Switch organization accounts']")).click();
        List<String> looks = browser.findElements(By.cssSelector(".switcher-option .avatar")).stream()
                .map(avatar -> avatar.getText() + " " + avatar.getCssValue("border-radius") + " " + avatar.getCssValue("background-color"))
                .toList();
        assertThat(looks).hasSize(2).doesNotHaveDuplicates().allMatch(look -> look.startsWith("BB "));
        screenshot(LAPTOP, "/switcher");
        browser.findElement(By.cssSelector("summary.avatar")).sendKeys(Keys.ESCAPE);

        browser.get(base() + "/settings/organization");
        Browser.clickToLoad(browser, By.xpath("//button[text()=\"Switch to " + ORGANIZATION + "\"]"));
        assertThat(browser.findElement(By.cssSelector("summary.avatar")).getAttribute("title")).isEqualTo(ORGANIZATION);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Organization");
    }

    @Test
    void thePublicPagesFitAPhoneAndTheApiReferenceLoadsWithoutAContentSecurityPolicyError() {
        List<String> problems = new ArrayList<>();
        for (Dimension size : List.of(PHONE, LAPTOP)) {
            resize(size);
            for (String page : List.of("/login", "/signup", "/forgot-password")) {
                problems.addAll(check(page, size));
            }
            screenshot(size, "/login");
        }
        assertThat(problems).isEmpty();

        browser.get(base() + "/swagger-ui/index.html");
        // the first drawing waits for the OpenAPI document, which the server builds on its first request
        boolean shown = waitsUntil(driver -> !driver.findElements(By.cssSelector(".swagger-ui .info .title")).isEmpty());
        List<String> console = browser.manage().logs().get("browser").getAll().stream().map(LogEntry::getMessage).toList();
        assertThat(console).noneMatch(message -> message.contains("Content Security Policy"));
        assertThat(shown).as("the API reference is drawn; console: %s", console).isTrue();
    }

    @Test
    void theShellWorksByKeyboardAndOnAPhoneTheMenuButtonOpensTheNavigation() {
        logIn(adminEmail, ORGANIZATION);
        resize(LAPTOP);
        browser.get(base() + "/indexes");
        // the skip link comes first and takes the reader past the navigation
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        skip.sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("content");

        // the profile menu: ArrowDown opens it on its first item, the arrows move, Escape returns to the avatar
        WebElement avatar = browser.findElement(By.cssSelector("summary.avatar"));
        avatar.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Switch organization accounts");
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Profile");
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Log out");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertThat(browser.findElement(By.cssSelector("details.profile-menu")).getAttribute("open")).isNull();
        assertThat(browser.switchTo().activeElement()).isEqualTo(avatar);

        resize(PHONE);
        browser.get(base() + "/indexes");
        WebElement indexes = browser.findElement(By.cssSelector("nav a[href='/indexes']"));
        WebElement menu = browser.findElement(By.cssSelector("button.menu-toggle"));
        assertThat(indexes.isDisplayed()).isFalse();
        assertThat(menu.getText()).isEqualTo("Menu");
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("false");

        menu.click();
        awaitDrawer(true);
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement()).isEqualTo(indexes);
        screenshot(PHONE, "/menu");
        indexes.sendKeys(Keys.ESCAPE);
        awaitDrawer(false);
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(browser.switchTo().activeElement()).isEqualTo(menu);

        menu.click();
        awaitDrawer(true);
        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/tasks']"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tasks");
    }

    private boolean waitsUntil(Function<WebDriver, Boolean> condition) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
        } catch (TimeoutException e) {
            return false;
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void logIn(String email, String account) {
        Browser.logIn(browser, base(), email);
        if (!account.equals(browser.findElement(By.cssSelector("summary.avatar")).getAttribute("title"))) {
            Browser.switchTo(browser, account);
            new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(
                    ExpectedConditions.attributeToBe(By.cssSelector("summary.avatar"), "title", account));
        }
    }

    private void resize(Dimension size) {
        browser.manage().window().setSize(size);
        long width = ((Number) browser.executeScript("return window.innerWidth;")).longValue();
        assertThat(width).as("the window's inner width").isEqualTo(size.getWidth());
    }

    /** The sidebar slides in or out; what is checked is where it ends. */
    private void awaitDrawer(boolean open) {
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(driver -> browser.findElement(By.cssSelector("nav a[href='/indexes']")).isDisplayed() == open
                && ((Number) browser.executeScript("return document.getElementById('sidebar').getBoundingClientRect().left;")).doubleValue() >= (open ? 0 : -1000));
    }

    /** Opens each page at each size, screenshots those {@code shown}, and says what is wrong with any of them. */
    private List<String> walk(List<String> pages, List<String> shown) {
        List<String> problems = new ArrayList<>();
        for (Dimension size : List.of(PHONE, LAPTOP)) {
            resize(size);
            for (String page : pages) {
                problems.addAll(check(page, size));
                if (shown.contains(page)) {
                    screenshot(size, page);
                }
            }
        }
        return problems;
    }

    /** Opens the page and says what is wrong with it at this size: wider than the window, or axe's serious findings. */
    private List<String> check(String page, Dimension size) {
        browser.get(base() + page);
        String where = page + " at " + size.getWidth() + "px: ";
        List<String> problems = new ArrayList<>();
        assertThat(browser.findElement(By.tagName("h1")).getText()).as(page).isNotBlank();
        long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth;")).longValue();
        long innerWidth = ((Number) browser.executeScript("return window.innerWidth;")).longValue();
        if (scrollWidth > innerWidth) {
            problems.add(where + "the page is " + scrollWidth + " px wide, the window " + innerWidth + ": "
                    + browser.executeScript(WIDEST));
        }
        for (Rule violation : new AxeBuilder().analyze(browser).getViolations()) {
            if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
                problems.add(where + violation.getImpact() + " " + violation.getId() + " (" + violation.getHelp() + ") at "
                        + violation.getNodes().stream().limit(4).map(CheckedNode::getHtml).toList());
            }
        }
        return problems;
    }

    /** The elements that reach past the window's right edge, innermost first, to say where a page is too wide. */
    private static final String WIDEST = """
            const w = window.innerWidth;
            return Array.from(document.querySelectorAll('body *'))
                .filter(e => e.getBoundingClientRect().right > w + 1)
                .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > w + 1))
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ').join('.') : '')
                    + ' ' + Math.round(e.getBoundingClientRect().right) + 'px');
            """;

    /** {@code <screens>/{phone,laptop}/<page>.png}, for docs/screens.md. */
    private void screenshot(Dimension size, String page) {
        String name = page.equals("/") ? "home" : page.replace(videoPath, "/video").replace(indexPath, "/index")
                .replace(assetPath, "/asset").substring(1).replaceAll("[^a-z0-9]+", "-");
        Path file = SCREENS.resolve(size == PHONE ? "phone" : "laptop").resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
