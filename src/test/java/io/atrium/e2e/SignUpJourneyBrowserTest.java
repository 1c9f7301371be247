package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.ServerTest;

/** A person in a real headless Chromium: signs up, sees their initials, logs out, logs in again. */
@ServerTest
class SignUpJourneyBrowserTest extends BrowserTest {

    SignUpJourneyBrowserTest() {
        super("sign-up-journey");
    }

    @Test
    void aNewcomerSignsUpSeesTheirInitialsLogsOutAndLogsInAgain() {
        String email = uniqueEmail("browser");
        browser.get("http://localhost:" + port + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");

        Browser.clickToLoad(browser, By.linkText("Create an account"));
        browser.findElement(By.id("name")).sendKeys("Katherine Johnson");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToLoad(browser, By.cssSelector("button[type=submit]"));

        Browser.awaitText(browser, By.tagName("h1"), "Welcome, Katherine Johnson");
        assertThat(browser.findElement(By.cssSelector("summary.avatar")).getText()).isEqualTo("KJ");

        browser.findElement(By.cssSelector("summary.avatar")).click();
        assertThat(browser.findElement(By.cssSelector(".menu-identity")).getText())
                .contains("Katherine Johnson").contains(email);
        Browser.clickToLoad(browser, By.xpath("//button[text()='Log out']"));
        Browser.awaitText(browser, By.cssSelector(".alert-info"), "You have been logged out.");

        browser.get("http://localhost:" + port + "/profile");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToLoad(browser, By.cssSelector("button[type=submit]"));

        Browser.awaitText(browser, By.cssSelector("summary.avatar"), "KJ");
        assertThat(browser.getCurrentUrl()).endsWith("/profile");
    }
}
