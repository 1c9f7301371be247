package io.atrium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.atrium.shared.DisplayNames;
import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.OidcProvider;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.SsoOrganizations;
import io.atrium.testsupport.SsoOrganizations.SsoOrganization;

/**
 * "Log in with SSO" in a real headless Chromium, through the provider's own log-in form: a new person types their work
 * email, signs in at the provider, and lands in the organization as its new member.
 */
@ServerTest
class SsoBrowserTest extends BrowserTest {

    static final OidcProvider PROVIDER = OidcProvider.interactive();

    SsoBrowserTest() {
        super("sso-login");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void aNewPersonLogsInWithSsoThroughTheProvidersFormAndLandsInTheOrganization() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
        String email = org.email("bo");

        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("sso-email")).sendKeys(email);
        Browser.clickToLoad(browser, By.xpath("//button[text()='Log in with SSO']"));
        browser.findElement(By.name("username")).sendKeys("bo-subject");
        browser.findElement(By.name("claims")).sendKeys(
                "{\"email\": \"" + email + "\", \"email_verified\": true, \"name\": \"Bo Browser\"}");
        Browser.clickToLoad(browser, By.cssSelector("input[type=submit]"));

        Browser.awaitText(browser, By.cssSelector("summary.avatar"), DisplayNames.initials(org.name()));
        browser.get("http://localhost:" + port + "/settings/members");
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Bo Browser").contains("bo-subject");
    }
}
