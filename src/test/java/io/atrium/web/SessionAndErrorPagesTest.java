package io.atrium.web;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/** What only a real servlet container shows: cookies, session ids, and error pages. */
@ServerTest
@Tag("database")
class SessionAndErrorPagesTest {

    @LocalServerPort
    int port;

    @TestConfiguration
    static class FailingPage {
        @Bean
        FailingController failingController() {
            return new FailingController();
        }
    }

    @Controller
    static class FailingController {
        @GetMapping("/test-only/failure")
        String fail() {
            throw new IllegalStateException("deliberate failure for the 500 page");
        }
    }

    @Test
    void theSessionIdChangesAtLogInAndTheCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        String email = uniqueEmail("rotation");
        new HttpVisitor(port).signUp("Rotation Check", email, PASSWORD);
        HttpVisitor visitor = new HttpVisitor(port);

        HttpResponse<String> loginPage = visitor.get("/login");
        String before = visitor.cookie("ATRIUM_SESSION").orElseThrow();
        assertThat(loginPage.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).contains("ATRIUM_SESSION=").contains("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));

        HttpResponse<String> login = visitor.logIn(email, PASSWORD);

        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        assertThat(visitor.cookie("ATRIUM_SESSION")).isPresent().get().isNotEqualTo(before);
        assertThat(visitor.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void signingUpAlsoGivesANewSessionId() throws Exception {
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.get("/signup");
        String before = visitor.cookie("ATRIUM_SESSION").orElseThrow();

        visitor.signUp("Fresh Session", uniqueEmail("fresh"), PASSWORD);

        assertThat(visitor.cookie("ATRIUM_SESSION")).isPresent().get().isNotEqualTo(before);
        assertThat(visitor.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionCookieReplayedAfterLogOutIsWorthNothing() throws Exception {
        HttpVisitor visitor = HttpVisitor.signedUp(port, "Replay Check", uniqueEmail("replay"));
        String session = visitor.cookie("ATRIUM_SESSION").orElseThrow();

        visitor.submit("/", "/logout", Map.of());
        HttpVisitor attacker = new HttpVisitor(port);
        attacker.setCookie("ATRIUM_SESSION", session);

        HttpResponse<String> home = attacker.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aMissingPageShowsTheFriendly404InsideTheLayout() throws Exception {
        HttpVisitor visitor = HttpVisitor.signedUp(port, "Lost Visitor", uniqueEmail("lost"));

        HttpResponse<String> page = visitor.get("/no-such-page");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found").contains(">LV</summary>").contains("class=\"sidebar\"");
    }

    @Test
    void aServerFailureShowsTheFriendly500WithoutDetails() throws Exception {
        HttpVisitor visitor = HttpVisitor.signedUp(port, "Unlucky Visitor", uniqueEmail("unlucky"));

        HttpResponse<String> page = visitor.get("/test-only/failure");

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body()).contains("Something went wrong").contains(">UV</summary>")
                .doesNotContain("deliberate failure").doesNotContain("IllegalStateException");
    }

    @Test
    void theErrorPageAskedForDirectlyIsAMissingPage() throws Exception {
        assertThat(new HttpVisitor(port).get("/error").statusCode()).isEqualTo(404);
        HttpVisitor visitor = HttpVisitor.signedUp(port, "Error Asker", uniqueEmail("errorasker"));
        HttpResponse<String> page = visitor.get("/error");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Page not found");
    }

    @Test
    void aFormSubmittedSeveralTimesAtOnceInOneSessionNeverFails() throws Exception {
        HttpVisitor visitor = HttpVisitor.signedUp(port, "Double Clicker", uniqueEmail("doubleclick"));
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(visitor.get("/settings/api-keys").body());
        assertThat(token.find()).isTrue();

        int clicks = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(clicks);
        java.util.List<java.util.concurrent.Callable<Integer>> posts = new java.util.ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            String name = "click " + i;
            posts.add(() -> {
                together.await();
                return visitor.post("/settings/api-keys", Map.of("name", name, "expiration", "12",
                        "_csrf", token.group(1))).statusCode();
            });
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(clicks);
        try {
            for (java.util.concurrent.Future<Integer> status : threads.invokeAll(posts)) {
                assertThat(status.get()).isEqualTo(302);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(visitor.get("/settings/api-keys").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesCarryAContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = new HttpVisitor(port).get("/login");

        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
