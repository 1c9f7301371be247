package io.atrium.testsupport;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.oauth2.sdk.TokenRequest;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OpenID Connect provider on loopback ({@code mock-oauth2-server}): discovery, a JWKS, the authorization code
 * flow with PKCE, signed ID tokens. Each issuer id is a provider of its own (its own path and signing key). Without
 * the interactive form it signs in at once whoever the next {@link #nextSignIn} names; with it, the browser fills in a
 * form with the user name and the claims.
 */
public final class OidcProvider implements AutoCloseable {

    private final MockOAuth2Server server;

    private OidcProvider(boolean interactive) {
        server = new MockOAuth2Server(new OAuth2Config(interactive, null, null, false, new OAuth2TokenProvider(),
                Set.of(), new MockWebServerWrapper()));
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** A provider that signs in at once, as the next {@link #nextSignIn} says. */
    public static OidcProvider start() {
        return new OidcProvider(false);
    }

    /** A provider whose authorization endpoint shows its log-in form. */
    public static OidcProvider interactive() {
        return new OidcProvider(true);
    }

    /** The issuer URL of the provider with this id, e.g. {@code http://localhost:41234/acme}. */
    public String issuer(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    /** The next sign-in at the issuer is this person with a verified address. */
    public void nextSignIn(String issuerId, String subject, String email) {
        nextSignIn(issuerId, subject, Map.of("email", email, "email_verified", true, "name", "Signed In"));
    }

    /**
     * The next sign-in at the issuer is {@code subject}, and its ID token (and user info) carries these claims, which
     * win over the provider's own: a test may forge {@code iss} or {@code nonce} here, signed with the issuer's key.
     */
    public void nextSignIn(String issuerId, String subject, Map<String, Object> claims) {
        server.enqueueCallback(new SignIn(issuerId, subject, Map.copyOf(claims)));
    }

    /** The provider goes down: every later request to it is refused. */
    @Override
    public void close() {
        server.shutdown();
    }

    private record SignIn(String issuerId, String subject, Map<String, Object> claims) implements OAuth2TokenCallback {

        @Override
        public String subject(TokenRequest request) {
            return subject;
        }

        @Override
        public String typeHeader(TokenRequest request) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest request) {
            return List.of(request.getClientAuthentication() != null
                    ? request.getClientAuthentication().getClientID().getValue() : request.getClientID().getValue());
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest request) {
            return new HashMap<>(claims);
        }

        @Override
        public long tokenExpiry() {
            return 3600;
        }
    }
}
