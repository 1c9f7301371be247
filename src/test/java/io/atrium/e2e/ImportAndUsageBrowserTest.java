package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.TestPropertySource;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.S3Server;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.TestVideos;

/**
 * S3 Integrations and Usage in a real Chromium: add a bucket, import from it while the page follows the
 * progress, then see the day's usage drawn.
 */
@ServerTest
@TestPropertySource(properties = {"atrium.integrations.allowed-addresses=127.0.0.1/32", "atrium.usage.flush-interval=200ms"})
class ImportAndUsageBrowserTest extends BrowserTest {

    static final S3Server s3 = S3Server.shared();

    @TempDir
    Path files;

    ImportAndUsageBrowserTest() {
        super("import-and-usage");
    }

    @Test
    void anImportFollowedOnItsPageEndsWithItsVideosInTheIndexAndInTheUsage() throws Exception {
        String bucket = s3.newBucket("browser-footage");
        s3.put(bucket, "reels/breakwater.mp4", TestVideos.testPattern(files, "breakwater.mp4", 5, 640, 360, 25));
        String base = "http://localhost:" + port;
        Browser.signUp(browser, base, "Ines Importer", uniqueEmail("ines"));
        browser.get(base + "/indexes/new");
        browser.findElement(By.id("index-name")).sendKeys("Breakwaters");
        Browser.clickToLoad(browser, By.cssSelector("main button[type=submit]"));

        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/integrations']"));
        Browser.clickToLoad(browser, By.linkText("Add integration"));
        browser.findElement(By.id("integration-name")).sendKeys("Harbour footage");
        browser.findElement(By.id("integration-bucket")).sendKeys(bucket);
        browser.findElement(By.id("integration-endpoint")).sendKeys(s3.endpoint().toString());
        browser.findElement(By.id("integration-prefix")).sendKeys("reels/");
        browser.findElement(By.id("integration-access-key-id")).sendKeys(s3.accessKey());
        browser.findElement(By.id("integration-secret")).sendKeys(s3.secretKey());
        Browser.clickToLoad(browser, By.xpath("//button[text()='Add integration']"));
        Browser.awaitTextContaining(browser, By.cssSelector(".alert-success"), "Atrium can read the bucket");

        new Select(browser.findElement(By.id("import-index"))).selectByVisibleText("Breakwaters");
        Browser.clickToLoad(browser, By.xpath("//button[text()='Import videos']"));
        Browser.awaitTextContaining(browser, By.cssSelector(".alert-success"), "Import started: 1 video to import");
        // a page the script reloads answers with errors of any kind while it is replaced: they are waited out
        FluentWait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(WebDriverException.class);
        // the page follows the import and reloads once it has ended
        wait.until(ExpectedConditions.textToBe(By.id("progress-heading"), "Last import"));
        assertThat(browser.findElement(By.id("import-progress-text")).getText()).isEqualTo("1 of 1 videos finished");
        assertThat(browser.findElement(By.id("import-logs")).getText()).contains("1 ready of 1");

        Browser.clickToLoad(browser, By.cssSelector("#import-logs a"));
        Browser.awaitTextContaining(browser, By.id("videos"), "breakwater.mp4");

        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/settings/usage']"));
        wait.until(driver -> driver.findElements(By.cssSelector(".usage-chart canvas")).size() == 4);
        assertThat(browser.findElement(By.id("total-tasks")).getText()).isEqualTo("1");
    }
}
