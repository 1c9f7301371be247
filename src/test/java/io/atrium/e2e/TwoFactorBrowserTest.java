package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.atrium.testsupport.Authenticator;
import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.ServerTest;

/**
 * In a real headless Chromium: a user sets up two-factor authentication from their profile (the QR code is an image
 * the browser draws), then logs in with a code from their app, and once more with a recovery code.
 */
@ServerTest
class TwoFactorBrowserTest extends BrowserTest {

    TwoFactorBrowserTest() {
        super("two-factor");
    }

    @Test
    void aUserTurnsOnTwoFactorThenLogsInWithACodeAndWithARecoveryCode() {
        String base = "http://localhost:" + port;
        String email = uniqueEmail("twofactor");
        Browser.signUp(browser, base, "Mary Jackson", email);

        browser.get(base + "/profile");
        Browser.clickToLoad(browser, By.linkText("Two-factor authentication"));
        Browser.clickToLoad(browser, By.xpath("//button[text()='Set up two-factor authentication']"));
        WebElement qrCode = browser.findElement(By.id("qr-code"));
        assertThat(qrCode.getAttribute("src")).startsWith("data:image/svg+xml;base64,");
        assertThat(browser.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", qrCode))
                .isEqualTo(true);
        Authenticator app = new Authenticator(browser.findElement(By.id("secret")).getText().replace(" ", ""),
                Clock.systemUTC());
        browser.findElement(By.id("enable-code")).sendKeys(app.nextCode());
        Browser.clickToLoad(browser, By.xpath("//button[text()='Turn on two-factor authentication']"));
        List<String> recoveryCodes = browser.findElements(By.cssSelector("#recovery-codes code")).stream()
                .map(WebElement::getText).toList();
        assertThat(recoveryCodes).hasSize(10);
        assertThat(browser.findElement(By.id("two-factor-status")).getText()).isEqualTo("On");

        logOut();
        logIn(base, email);
        browser.findElement(By.id("code")).sendKeys(app.nextCode());
        Browser.clickToLoad(browser, By.xpath("//button[text()='Verify']"));
        Browser.awaitText(browser, By.cssSelector("summary.avatar"), "MJ");

        logOut();
        logIn(base, email);
        browser.findElement(By.id("code")).sendKeys(recoveryCodes.get(0));
        Browser.clickToLoad(browser, By.xpath("//button[text()='Verify']"));
        Browser.awaitText(browser, By.cssSelector("summary.avatar"), "MJ");
        browser.get(base + "/profile/two-factor");
        assertThat(browser.findElement(By.id("recovery-codes-left")).getText()).isEqualTo("9 of 10 recovery codes left.");
    }

    private void logOut() {
        browser.findElement(By.cssSelector("summary.avatar")).click();
        Browser.clickToLoad(browser, By.xpath("//button[text()='Log out']"));
        Browser.awaitText(browser, By.cssSelector(".alert-info"), "You have been logged out.");
    }

    private void logIn(String base, String email) {
        browser.get(base + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToLoad(browser, By.cssSelector("main button[type=submit]"));
        Browser.awaitText(browser, By.tagName("h1"), "Two-factor authentication");
        assertThat(browser.getCurrentUrl()).endsWith("/login/two-factor");
    }
}
