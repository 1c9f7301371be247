package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.atrium.shared.DisplayNames;
import io.atrium.testsupport.Authenticator;
import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Outbox;
import io.atrium.testsupport.ServerTest;

/**
 * In a real headless Chromium: a user sets up two-factor authentication from their profile (the QR code is an image
 * the browser draws), then logs in with a code from their app, and once more with a recovery code; a member of an
 * organization that requires it sets it up before working in it.
 */
@ServerTest
class TwoFactorBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

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
        Authenticator.Enrolment enrolment = setUpTwoFactor();
        Authenticator app = enrolment.app();
        List<String> recoveryCodes = enrolment.recoveryCodes();

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

    @Test
    void aMemberOfAnOrganizationThatRequiresTwoFactorSetsItUpBeforeWorkingInIt() throws Exception {
        String base = "http://localhost:" + port;
        String organization = "Strict " + UUID.randomUUID().toString().substring(0, 6);
        // The administrator, over HTTP: creates the organization, uses two-factor, requires it, invites the member.
        HttpVisitor admin = HttpVisitor.signedUp(port, "Ada Admin", uniqueEmail("strictadmin"));
        admin.submit("/settings/organization", "/settings/organization", Map.of("name", organization));
        Authenticator.enrol(admin, Clock.systemUTC());
        admin.submit("/settings/organization", "/settings/organization/two-factor", Map.of("required", "true"));
        String memberEmail = uniqueEmail("strictmember");
        Browser.signUp(browser, base, "Mo Member", memberEmail);
        admin.submit("/settings/members/invite", "/settings/members/invite", Map.of("emails", memberEmail, "role", "member"));

        // The member accepts, and works in their personal account until they set two-factor up.
        browser.get(base + "/invitations/" + Outbox.latestInvitationToken(jdbc, memberEmail));
        Browser.clickToLoad(browser, By.xpath("//button[text()='Accept invitation']"));
        Browser.awaitTextContaining(browser, By.cssSelector(".two-factor-required"), organization
                + " requires two-factor authentication");
        assertThat(browser.findElement(By.cssSelector("summary.avatar")).getText()).isEqualTo("MM");
        Browser.switchTo(browser, organization);
        Browser.awaitTextContaining(browser, By.cssSelector(".alert-success"), "Set it up to work in it.");
        assertThat(browser.getCurrentUrl()).endsWith("/profile/two-factor");

        setUpTwoFactor();
        browser.get(base + "/");
        Browser.awaitText(browser, By.cssSelector("summary.avatar"), DisplayNames.initials(organization));
        assertThat(browser.findElements(By.cssSelector(".two-factor-required"))).isEmpty();
    }

    /** On the two-factor page: sets it up with the key shown and turns it on with a code; the recovery codes shown. */
    private Authenticator.Enrolment setUpTwoFactor() {
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
        return new Authenticator.Enrolment(app, recoveryCodes);
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
