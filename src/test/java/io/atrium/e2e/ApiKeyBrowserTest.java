package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.ServerTest;

/**
 * Settings > API Keys in a real Chromium: the Create API Key dialog (the custom date, the expiry it shows, Escape),
 * the key shown once in it and copied with the copy icon, used, and revoked.
 */
@ServerTest
class ApiKeyBrowserTest extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    ApiKeyBrowserTest() {
        super("api-key");
    }

    @Test
    void theCreateApiKeyDialogAsksForANameAndAnExpiryAndClosesOnEscapeGivingFocusBack() {
        String base = "http://localhost:" + port;
        Browser.signUp(browser, base, "Dina Dialog", uniqueEmail("dina"));
        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/settings/api-keys']"));

        WebElement dialog = browser.findElement(By.id("create-key-dialog"));
        assertThat(dialog.isDisplayed()).isFalse();
        WebElement opener = browser.findElement(By.xpath("//button[text()='Create API Key']"));
        opener.click();
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(dialog.getAriaRole()).isEqualTo("dialog");
        assertThat(dialog.getAccessibleName()).isEqualTo("Create API Key");
        assertThat(active().getAttribute("id")).isEqualTo("key-name");
        assertThat(new Select(browser.findElement(By.id("expiration"))).getFirstSelectedOption().getText()).isEqualTo("12 months");
        WebElement preview = browser.findElement(By.id("expiry-preview"));
        assertThat(preview.getText()).startsWith("The key expires on ");
        String twelveMonths = preview.getText();
        WebElement customDate = browser.findElement(By.id("expires-on"));
        assertThat(customDate.isDisplayed()).isFalse();

        new Select(browser.findElement(By.id("expiration"))).selectByVisibleText("Custom date");
        assertThat(customDate.isDisplayed()).isTrue();
        assertThat(preview.getText()).isEqualTo("Choose the last day the key works.");
        // A date field takes the digits in the locale's order; a script sets it as a person's choice would.
        browser.executeScript("arguments[0].value = '2031-03-12'; arguments[0].dispatchEvent(new Event('input'));", customDate);
        assertThat(preview.getText()).contains("2031").contains("(UTC)").isNotEqualTo(twelveMonths);
        new Select(browser.findElement(By.id("expiration"))).selectByVisibleText("3 months");
        assertThat(customDate.isDisplayed()).isFalse();
        assertThat(preview.getText()).startsWith("The key expires on ").isNotEqualTo(twelveMonths);

        active().sendKeys(Keys.ESCAPE);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(active().getText()).isEqualTo("Create API Key");
        assertThat(browser.findElements(By.cssSelector("#api-keys tr[data-key-id]"))).isEmpty();
    }

    @Test
    void aKeyCreatedInTheDialogIsShownOnceInMonospaceCopiedWithTheCopyIconAndWorksUntilItIsRevoked() throws Exception {
        String base = "http://localhost:" + port;
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        Browser.signUp(browser, base, "Clara Copier", uniqueEmail("clara"));
        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/settings/api-keys']"));

        browser.findElement(By.xpath("//button[text()='Create API Key']")).click();
        browser.findElement(By.id("key-name")).sendKeys("Notebook");
        browser.findElement(By.xpath("//dialog//button[text()='Create']")).click();

        WebElement field = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("dialog-key-value")));
        assertThat(browser.findElement(By.id("created-key-heading")).getText()).isEqualTo("Your new key: Notebook");
        String shown = field.getAttribute("value");
        assertThat(shown).startsWith("atk_");
        assertThat(field.getCssValue("font-family")).contains("monospace");
        // Room for the underscores under the baseline: the line is well taller than the font.
        double fontSize = Double.parseDouble(field.getCssValue("font-size").replace("px", ""));
        double lineHeight = Double.parseDouble(field.getCssValue("line-height").replace("px", ""));
        assertThat(fontSize).isGreaterThanOrEqualTo(14);
        assertThat(lineHeight).isGreaterThanOrEqualTo(1.4 * fontSize);
        // The list behind the dialog has the key already, its Key column on one line.
        WebElement prefix = browser.findElement(By.cssSelector("#api-keys tr[data-key-id] code"));
        assertThat(prefix.getCssValue("white-space")).isEqualTo("nowrap");

        WebElement copy = browser.findElement(By.id("dialog-copy"));
        assertThat(copy.getAccessibleName()).isEqualTo("Copy key to clipboard");
        copy.click();
        Browser.awaitText(browser, By.id("dialog-copy-status"), "Copied to clipboard");
        Object clipboard = browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, error => done('unreadable: ' + error));");
        assertThat(clipboard).isEqualTo(shown);
        String key = (String) clipboard;
        assertThat(account(key).statusCode()).isEqualTo(200);
        assertThat(account(key).body()).contains("\"name\":\"Clara Copier\"");

        // Closed, the key is gone from the page; opened again, the dialog asks for a new key.
        browser.findElement(By.xpath("//dialog//button[text()='Done']")).click();
        assertThat(browser.findElement(By.id("dialog-key-value")).getAttribute("value")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(shown);
        browser.navigate().refresh();
        assertThat(browser.getPageSource()).doesNotContain(shown);
        assertThat(browser.findElements(By.id("new-key-value"))).isEmpty();
        Browser.clickToLoad(browser, By.linkText("Revoke"));
        Browser.clickToLoad(browser, By.xpath("//button[text()='Revoke key']"));

        Browser.awaitTextContaining(browser, By.cssSelector(".alert-success"), "was revoked");
        HttpResponse<String> refused = account(key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"reason\":\"revoked\"");
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private HttpResponse<String> account(String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/account"))
                .header("x-api-key", key).build(), HttpResponse.BodyHandlers.ofString());
    }
}
