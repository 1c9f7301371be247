package io.atrium.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A visitor with a cookie jar talking HTTP to a running server, as a browser would, without following redirects. */
public final class HttpVisitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    public HttpVisitor(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A new visitor who has signed up with the name, the address and {@link Visitors#PASSWORD}, so is logged in. */
    /** A visitor of its own, in a session of its own, logged in with the address and {@link Visitors#PASSWORD}. */
    public static HttpVisitor loggedIn(int port, String email) throws IOException, InterruptedException {
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.logIn(email, Visitors.PASSWORD);
        return visitor;
    }

    /** Whether the home page sends this visitor to log in: their session ended, or they never had one. */
    public boolean isLoggedOut() throws IOException, InterruptedException {
        HttpResponse<String> home = get("/");
        return home.statusCode() == 302
                && home.headers().firstValue("Location").filter(location -> location.endsWith("/login")).isPresent();
    }

    public static HttpVisitor signedUp(int port, String name, String email) throws IOException, InterruptedException {
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signUp(name, email, Visitors.PASSWORD);
        return visitor;
    }

    /**
     * Sends this header with every later request, as a client that writes its own {@code X-Forwarded-For} would,
     * or as a proxy in front of the server does.
     */
    public HttpVisitor withHeader(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).header("Accept", BROWSER_ACCEPT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Follows the answer's redirect as a browser would: to this server with the cookies, or to another (a sign-in
     * provider).
     */
    public HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("Not a redirect: " + response.statusCode() + " " + response.uri()));
        return client.send(HttpRequest.newBuilder(response.uri().resolve(location)).header("Accept", BROWSER_ACCEPT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form with the CSRF token found on {@code pageWithForm}, as submitting that page would. */
    public HttpResponse<String> submit(String pageWithForm, String action, Map<String, String> fields)
            throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(pageWithForm).body());
        if (!token.find()) {
            throw new AssertionError(pageWithForm + " has no CSRF token");
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", token.group(1));
        return post(action, form);
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return post(URI.create(base + path), form);
    }

    /** Posts a form to any server, such as a sign-in provider's log-in form. */
    public HttpResponse<String> post(URI target, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(target);
        extraHeaders.forEach(request::header);
        return client.send(request
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", BROWSER_ACCEPT)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        extraHeaders.forEach(request::header);
        return request;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    /** Puts a cookie value back, as an attacker replaying a stolen cookie would. */
    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    /**
     * Signs up, logs in, and follows the confirmation link from the development inbox (the server has no SMTP), as a
     * person would: afterwards this visitor is logged in as a user who may do everything.
     *
     * @return the answer to following the link
     */
    public HttpResponse<String> signUp(String name, String email, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> signedUp = submit("/signup", "/signup", Map.of("name", name, "email", email, "password", password));
        if (!"/check-email".equals(signedUp.headers().firstValue("Location").map(URI::create).map(URI::getPath).orElse(null))) {
            throw new AssertionError("Sign-up was refused: " + signedUp.statusCode() + " " + signedUp.body());
        }
        logIn(email, password);
        Matcher link = Mailbox.link(Visitors.CONFIRMATION_PATH).matcher(get("/dev/inbox").body());
        if (!link.find()) {
            throw new AssertionError("No confirmation link in the development inbox of " + email);
        }
        return get(link.group(1));
    }

    public HttpResponse<String> logIn(String email, String password) throws IOException, InterruptedException {
        return submit("/login", "/login", Map.of("email", email, "password", password));
    }
}
