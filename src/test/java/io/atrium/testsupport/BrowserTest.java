package io.atrium.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A {@link ServerTest} in a real Chromium: a browser is started before each test and closed after it, and a
 * screenshot of its last page is kept as {@code target/screenshots/<screenshot>.png}.
 */
public abstract class BrowserTest {

    @LocalServerPort
    protected int port;

    protected ChromeDriver browser;

    private final String screenshot;

    protected BrowserTest(String screenshot) {
        this.screenshot = screenshot;
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        Browser.screenshotAndQuit(browser, screenshot);
    }
}
