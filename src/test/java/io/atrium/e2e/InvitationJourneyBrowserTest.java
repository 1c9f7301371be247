package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.Outbox;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.SmtpServer;
import io.atrium.testsupport.Visitors;
import jakarta.mail.internet.MimeMessage;

/**
 * The organizations journey in a real headless Chromium, with the invitation travelling as real email: an
 * admin creates an organization and invites two people; one opens the emailed link, signs up, lands in the
 * organization, and switches to the personal account and back.
 */
@ServerTest
class InvitationJourneyBrowserTest extends BrowserTest {

    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.serve(registry);
    }

    InvitationJourneyBrowserTest() {
        super("invitation-journey");
    }

    @Test
    void anAdminInvitesAndTheInviteeJoinsThroughTheEmailedLinkAndSwitchesAccounts() throws Exception {
        String adminEmail = uniqueEmail("olivia");
        String invitee = uniqueEmail("tom");
        String secondInvitee = uniqueEmail("una");

        // The administrator signs up, confirms the address with the emailed link, logs in, and creates the
        // organization from Settings > Organization.
        open("/signup");
        browser.findElement(By.id("name")).sendKeys("Olivia Admin");
        browser.findElement(By.id("email")).sendKeys(adminEmail);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        submit();
        Browser.awaitText(browser, By.tagName("h1"), "Check your email");
        open(SMTP.mailbox().awaitLink(adminEmail, Visitors.CONFIRMATION_SUBJECT, Visitors.CONFIRMATION_PATH));
        Browser.awaitTextContaining(browser, By.cssSelector(".alert-success"), "Your email address is confirmed");
        Browser.logIn(browser, "http://localhost:" + port, adminEmail);
        assertThat(browser.findElements(By.id("confirm-banner"))).isEmpty();
        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/settings/organization']"));
        browser.findElement(By.id("org-name")).sendKeys("Blue Harbor");
        Browser.clickToLoad(browser, By.xpath("//button[text()='Create Organization']"));
        awaitAvatar("BH");

        // Settings > Members > Invite: two addresses separated by commas, one role, Add members.
        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/settings/members']"));
        Browser.clickToLoad(browser, By.linkText("Invite"));
        browser.findElement(By.id("emails")).sendKeys(invitee + ", " + secondInvitee);
        new Select(browser.findElement(By.id("role"))).selectByVisibleText("Regular user");
        Browser.clickToLoad(browser, By.xpath("//button[text()='Add members']"));
        assertThat(browser.findElements(By.cssSelector("#invite-results li[data-result=INVITED]"))).hasSize(2);
        logOut();

        // The invitee reads the email and selects Accept invitation.
        MimeMessage mail = await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.latestTo(invitee), m -> m != null);
        assertThat(await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.latestTo(secondInvitee), m -> m != null)).isNotNull();
        String link = "http://localhost:" + port + "/invitations/" + Outbox.invitationToken(SmtpServer.part(mail, "text/plain"));
        browser.get(link);
        Browser.awaitText(browser, By.tagName("h1"), "Join Blue Harbor");
        Browser.clickToLoad(browser, By.linkText("Sign up to accept"));
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(invitee);
        assertThat(browser.findElement(By.id("email")).getAttribute("readonly")).isNotNull();
        browser.findElement(By.id("name")).sendKeys("Tom Member");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        submit();

        // Right after joining, the organization account is already selected.
        awaitAvatar("BH");
        assertThat(browser.findElement(By.cssSelector(".alert-success")).getText()).contains("You joined Blue Harbor");

        // Switch organization accounts: to the personal account and back; the checkmark moves.
        Browser.switchTo(browser, "Tom Member");
        awaitAvatar("TM");
        assertThat(checkedAccount()).isEqualTo("Tom Member");
        Browser.switchTo(browser, "Blue Harbor");
        awaitAvatar("BH");
        assertThat(checkedAccount()).isEqualTo("Blue Harbor");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void submit() {
        Browser.clickToLoad(browser, By.cssSelector("main button[type=submit]"));
    }

    private void awaitAvatar(String initials) {
        Browser.awaitText(browser, By.cssSelector("summary.avatar"), initials);
    }

    private void logOut() {
        browser.findElement(By.cssSelector("summary.avatar")).click();
        Browser.clickToLoad(browser, By.xpath("//button[text()='Log out']"));
    }

    private String checkedAccount() {
        browser.findElement(By.cssSelector("summary.avatar")).click();
        browser.findElement(By.xpath("//summary[text()='Switch organization accounts']")).click();
        WebElement checked = browser.findElement(By.cssSelector(".switcher-option[aria-current=true]"));
        assertThat(checked.findElements(By.cssSelector(".check svg"))).hasSize(1);
        String name = checked.findElement(By.cssSelector(".account-name")).getText();
        browser.findElement(By.cssSelector("summary.avatar")).click();
        return name;
    }
}
