package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.ServerTest;

/**
 * A person in a real headless Chromium: signs up, logs in, confirms the address from the development inbox, sees their
 * initials, logs out, logs in again.
 */
@ServerTest
class SignUpJourneyBrowserTest extends BrowserTest {

    SignUpJourneyBrowserTest() {
        super("sign-up-journey");
    }

    @Test
    void aNewcomerSignsUpConfirmsTheAddressSeesTheirInitialsLogsOutAndLogsInAgain() {
        String email = uniqueEmail("browser");
        browser.get("http://localhost:" + port + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");

        Browser.clickToLoad(browser, By.linkText("Create an account"));
        browser.findElement(By.id("name")).sendKeys("Katherine Johnson");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToLoad(browser, By.cssSelector("button[type=submit]"));

        // Nobody is logged in yet: the page says where the confirmation link went.
        Browser.awaitText(browser, By.tagName("h1"), "Check your email");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(email);
        Browser.clickToLoad(browser, By.linkText("Go to log in"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToLoad(browser, By.cssSelector("button[type=submit]"));

        // Logged in, unconfirmed: the banner says why organizations and keys wait; the link is in the inbox.
        Browser.awaitText(browser, By.tagName("h1"), "Welcome, Katherine Johnson");
        assertThat(browser.findElement(By.id("confirm-banner")).getText()).contains("Confirm your email address");
        Browser.clickToLoad(browser, By.partialLinkText("Development inbox"));
        Browser.clickToLoad(browser, By.linkText("View as HTML"));
        Browser.clickToLoad(browser, By.linkText("Confirm email address"));
        Browser.awaitTextContaining(browser, By.cssSelector(".alert-success"), "Your email address is confirmed.");
        assertThat(browser.findElements(By.id("confirm-banner"))).isEmpty();
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
