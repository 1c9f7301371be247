package io.atrium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.atrium.shared.DisplayNames;
import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.OidcProvider;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.SsoOrganizations;
import io.atrium.testsupport.SsoOrganizations.SsoOrganization;

/**
 * Single sign-on in a real headless Chromium: "Log in with SSO" through the provider's own log-in form (a new person
 * lands in the organization as its new member), an administrator's Test connection, Require SSO keeping a password
 * session out of the organization, and a provider that is down.
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

    @Test
    void anAdministratorTestsTheConnectionThroughTheProvidersForm() throws Exception {
        String base = "http://localhost:" + port;
        SsoOrganization org = SsoOrganizations.withProvider(port, PROVIDER, "member");
        Browser.logIn(browser, base, org.adminEmail());
        browser.get(base + SsoOrganizations.SETTINGS);
        assertThat(browser.findElement(By.id("sso-tested")).getText()).isEqualTo("Not tested");

        Browser.clickToLoad(browser, By.xpath("//button[text()='Test connection']"));
        browser.findElement(By.name("username")).sendKeys("admin-subject");
        browser.findElement(By.name("claims")).sendKeys(
                "{\"email\": \"" + org.adminEmail() + "\", \"email_verified\": true}");
        Browser.clickToLoad(browser, By.cssSelector("input[type=submit]"));

        Browser.awaitTextContaining(browser, By.id("sso-tested"), "Tested");
        // the administrator is still themselves, in their organization
        assertThat(browser.findElement(By.cssSelector("summary.avatar")).getText())
                .isEqualTo(DisplayNames.initials(org.name()));
    }

    @Test
    void requireSsoKeepsAPasswordSessionOutOfTheOrganizationAndADownProviderGetsAClearPage() throws Exception {
        String base = "http://localhost:" + port;
        OidcProvider quiet = OidcProvider.start();
        SsoOrganization org = SsoOrganizations.create(port, quiet, "member");
        String email = org.email("cy");
        HttpVisitor.signedUp(port, "Cy Member", email);
        quiet.nextSignIn(org.issuerId(), "cy", email);
        SsoOrganizations.logIn(new HttpVisitor(port), org.id());
        org.admin().submit(SsoOrganizations.SETTINGS, SsoOrganizations.SETTINGS + "/required", Map.of("on", "true"));

        // A password log-in works in the personal account; choosing the organization goes through its provider.
        Browser.logIn(browser, base, email);
        Browser.awaitText(browser, By.cssSelector("summary.avatar"), "CM");
        quiet.nextSignIn(org.issuerId(), "cy", email);
        Browser.switchTo(browser, org.name());
        Browser.awaitText(browser, By.cssSelector("summary.avatar"), DisplayNames.initials(org.name()));

        // With the provider down, Log in with SSO answers a page that says so.
        quiet.close();
        browser.manage().deleteAllCookies();
        browser.get(base + "/login");
        browser.findElement(By.id("sso-email")).sendKeys(email);
        Browser.clickToLoad(browser, By.xpath("//button[text()='Log in with SSO']"));
        Browser.awaitText(browser, By.tagName("h1"), "Sign-in provider unavailable");
    }
}
