package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver: no browser download, no network beyond
 * localhost. The paths can be changed with {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER_BINARY}.
 */
public final class Browser {

    private static final Duration NAVIGATION = Duration.ofSeconds(20);

    private Browser() {
    }

    /** Keeps a screenshot of the last page under target/screenshots, for a person to look at, and closes the browser. */
    public static void screenshotAndQuit(ChromeDriver driver, String name) {
        try {
            Path screenshot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.createDirectories(Path.of("target/screenshots"));
            Files.copy(screenshot, Path.of("target/screenshots/" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.quit();
        }
    }

    /**
     * Waits until the element shows exactly this text. After a click that submits a form, the old page can
     * still be there when the next lookup runs and be replaced while it is read; waiting for the text of the
     * page that should follow (the wait looks the element up again each time) proves the navigation happened.
     */
    public static void awaitText(WebDriver driver, By locator, String expected) {
        new WebDriverWait(driver, NAVIGATION).ignoring(WebDriverException.class).until(ExpectedConditions.textToBe(locator, expected));
    }

    /** Like {@link #awaitText} for a text the element must contain. */
    public static void awaitTextContaining(WebDriver driver, By locator, String expected) {
        new WebDriverWait(driver, NAVIGATION).ignoring(WebDriverException.class).until(ExpectedConditions.textToBePresentInElementLocated(locator, expected));
    }

    /**
     * Clicks a link or a submit button and waits until the page it leads to has loaded, so that the next lookup
     * reads that page (a lookup right after the click may otherwise find the old page and lose it midway). The old
     * page is marked with a script variable that a new document does not have; while the browser is between the
     * two, its answers may be errors of any kind, which are waited out.
     */
    public static void clickToLoad(WebDriver driver, By locator) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        String marker = UUID.randomUUID().toString();
        script.executeScript("window.atriumPageMarker = arguments[0];", marker);
        driver.findElement(locator).click();
        new WebDriverWait(driver, NAVIGATION).ignoring(WebDriverException.class).until(browser ->
                !marker.equals(script.executeScript("return window.atriumPageMarker || null;"))
                        && "complete".equals(script.executeScript("return document.readyState;")));
    }

    /**
     * Signs a new user up through the sign-up form, logs in, and confirms the address with the link in the development
     * inbox, which lands them on their profile in the Playground.
     */
    public static void signUp(ChromeDriver driver, String baseUrl, String name, String email) {
        driver.get(baseUrl + "/signup");
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(Visitors.PASSWORD);
        clickToLoad(driver, By.cssSelector("main button[type=submit]"));
        awaitText(driver, By.tagName("h1"), "Check your email");
        logIn(driver, baseUrl, email);
        driver.get(baseUrl + "/dev/inbox");
        Matcher link = Mailbox.link(Visitors.CONFIRMATION_PATH).matcher(driver.getPageSource());
        if (!link.find()) {
            throw new AssertionError("No confirmation link in the development inbox of " + email);
        }
        driver.get(baseUrl + link.group(1));
        awaitTextContaining(driver, By.cssSelector(".alert-success"), "Your email address is confirmed");
    }

    /** Profile icon → Switch organization accounts → the account of that name. */
    public static void switchTo(WebDriver driver, String accountName) {
        driver.findElement(By.cssSelector("summary.avatar")).click();
        driver.findElement(By.xpath("//summary[text()='Switch organization accounts']")).click();
        driver.findElements(By.cssSelector(".switcher-option")).stream()
                .filter(option -> option.findElement(By.cssSelector(".account-name")).getText().equals(accountName))
                .findFirst().orElseThrow(() -> new AssertionError("No account " + accountName + " to switch to")).click();
    }

    /** Logs in through the log-in form with {@link Visitors#PASSWORD}. */
    public static void logIn(ChromeDriver driver, String baseUrl, String email) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(Visitors.PASSWORD);
        clickToLoad(driver, By.cssSelector("main button[type=submit]"));
    }

    public static ChromeDriver start() {
        String chromium = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("atrium-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic", "--window-size=1280,900",
                        "--user-data-dir=" + profile);
        // the console's messages, for a test to see that a page loaded without errors (a Content-Security-Policy
        // refusal, say)
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }
}
