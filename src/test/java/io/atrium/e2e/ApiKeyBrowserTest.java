package io.atrium.e2e;

import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.atrium.testsupport.Browser;
import io.atrium.testsupport.BrowserTest;
import io.atrium.testsupport.ServerTest;

/** Settings > API Keys in a real Chromium: create a key, copy it with the copy icon, use it, revoke it. */
@ServerTest
class ApiKeyBrowserTest extends BrowserTest {

    ApiKeyBrowserTest() {
        super("api-key");
    }

    @Test
    void aKeyCopiedWithTheCopyIconWorksUntilItIsRevoked() throws Exception {
        String base = "http://localhost:" + port;
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        Browser.signUp(browser, base, "Clara Copier", uniqueEmail("clara"));

        Browser.clickToLoad(browser, By.cssSelector("nav a[href='/settings/api-keys']"));
        browser.findElement(By.id("key-name")).sendKeys("Notebook");
        Browser.clickToLoad(browser, By.xpath("//button[text()='Create']"));
        String shown = browser.findElement(By.id("new-key-value")).getAttribute("value");
        browser.findElement(By.cssSelector("button.copy-button")).click();

        assertThat(browser.findElement(By.cssSelector(".copy-status")).getText()).isEqualTo("Copied to clipboard");
        Object clipboard = browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, error => done('unreadable: ' + error));");
        assertThat(clipboard).isEqualTo(shown);
        String key = (String) clipboard;
        assertThat(account(key).statusCode()).isEqualTo(200);
        assertThat(account(key).body()).contains("\"name\":\"Clara Copier\"");

        browser.navigate().refresh();
        assertThat(browser.findElements(By.id("new-key-value"))).isEmpty();
        Browser.clickToLoad(browser, By.linkText("Revoke"));
        Browser.clickToLoad(browser, By.xpath("//button[text()='Revoke key']"));

        Browser.awaitTextContaining(browser, By.cssSelector(".alert-success"), "was revoked");
        HttpResponse<String> refused = account(key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"reason\":\"revoked\"");
    }

    private HttpResponse<String> account(String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/account"))
                .header("x-api-key", key).build(), HttpResponse.BodyHandlers.ofString());
    }
}
