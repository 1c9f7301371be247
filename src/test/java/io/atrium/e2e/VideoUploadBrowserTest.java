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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.TestVideos;

/** An index's Videos tab in a real Chromium: upload with the progress bar, follow the task, play the video. */
@ServerTest
class VideoUploadBrowserTest extends BrowserTest {

    @TempDir
    Path files;

    VideoUploadBrowserTest() {
        super("video-upload");
    }

    @Test
    void videosDroppedTogetherOnANewIndexAppearWhenReadyAndPlayInThePlayer() throws Exception {
        Path clip = TestVideos.testPattern(files, "lighthouse.webm", 5, 640, 360, 25);
        Path second = TestVideos.testPattern(files, "harbour.mp4", 5, 640, 360, 25);
        String base = "http://localhost:" + port;
        Browser.signUp(browser, base, "Vera Uploader", uniqueEmail("vera"));

        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/indexes']"));
        Browser.clickToLoad(browser, By.linkText("Create index"));
        browser.findElement(By.id("index-name")).sendKeys("Coastline");
        WebElement pegasusOptions = browser.findElement(By.cssSelector("fieldset[data-options-of='pegasus1.2'] input[value=visual]"));
        assertThat(pegasusOptions.isEnabled()).as("Pegasus's options before Pegasus is chosen").isFalse();
        browser.findElement(By.cssSelector("input[name=models][value='pegasus1.2']")).click();
        assertThat(pegasusOptions.isEnabled()).as("Pegasus's options once Pegasus is chosen").isTrue();
        browser.findElement(By.cssSelector("input[name=models][value='pegasus1.2']")).click();
        browser.findElement(By.cssSelector("input[name=thumbnail]")).click();
        Browser.clickToLoad(browser, By.cssSelector("main button[type=submit]"));
        // a new index opens on its Videos tab
        assertThat(browser.getCurrentUrl()).endsWith("/videos");

        browser.findElement(By.id("video-file")).sendKeys(clip + "\n" + second);
        browser.findElement(By.id("upload-button")).click();
        // a page the script reloads answers with errors of any kind while it is replaced: they are waited out
        FluentWait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(WebDriverException.class);
        // each file has its row; a sent file's row keeps no progress bar (the page reloads once its video is ready)
        wait.until(driver -> driver.findElements(By.cssSelector("#videos a")).size() == 2
                || (driver.findElements(By.cssSelector("#upload-list li")).size() == 2
                        && driver.findElements(By.cssSelector("#upload-list progress")).isEmpty()
                        && driver.findElement(By.id("upload-list")).getText().contains("Uploaded, being checked")));

        // The page follows the task and reloads once it has become a video.
        wait.until(driver -> driver.findElements(By.cssSelector("#videos a")).size() == 2);
        assertThat(browser.findElement(By.id("videos")).getText()).contains("lighthouse.webm").contains("harbour.mp4")
                .contains("640×360");
        assertThat(browser.findElement(By.id("tasks-card")).isDisplayed()).isFalse();
        Browser.clickToLoad(browser, By.linkText("lighthouse.webm"));

        wait.until(driver -> ((Number) browser.executeScript("return document.getElementById('player').readyState;"))
                .intValue() >= 1);
        double duration = ((Number) browser.executeScript("return document.getElementById('player').duration;")).doubleValue();
        assertThat(duration).isBetween(4.9, 5.1);
        browser.executeScript("document.getElementById('player').currentTime = 3;");
        wait.until(driver -> ((Number) browser.executeScript("return document.getElementById('player').readyState;"))
                .intValue() >= 2);
        assertThat(browser.executeScript("return document.getElementById('player').error;")).isNull();
    }
}
