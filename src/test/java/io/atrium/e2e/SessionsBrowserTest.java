package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/** Profile > Sessions in a real Chromium: the browser finds itself and another client, and signs that one out. */
@ServerTest
class SessionsBrowserTest extends BrowserTest {

    SessionsBrowserTest() {
        super("sessions");
    }

    @Test
    void aUserSeesWhereTheyAreLoggedInAndSignsOutTheOtherSession() throws Exception {
        String email = uniqueEmail("sessions");
        Browser.signUp(browser, "http://localhost:" + port, "Grace Hopper", email);
        HttpVisitor phone = new HttpVisitor(port).withHeader("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 "
                + "like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");
        phone.logIn(email, PASSWORD);

        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/profile']"));
        Browser.clickToLoad(browser, By.linkText("Sessions"));

        assertThat(browser.findElements(By.cssSelector("#sessions tbody tr"))).extracting(row -> row.getText())
                .satisfiesExactly(
                        current -> assertThat(current).contains("Chrome on Linux", "This session", "Now"),
                        other -> assertThat(other).contains("Safari on iPhone", "Sign out"));
        Browser.clickToLoad(browser, By.xpath("//button[text()='Sign out']"));

        Browser.awaitText(browser, By.cssSelector(".alert-success"), "That session (Safari on iPhone) was signed out.");
        assertThat(browser.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(2); // this one, and the note
        assertThat(phone.get("/").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
