package io.atrium.web;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.atrium.api.ApiErrors;
import io.atrium.api.ApiKeyRequiredEntryPoint;
import io.atrium.apikey.ApiKeyAuthenticationFilter;
import io.atrium.apikey.ApiKeyVerifier;
import io.atrium.apikey.InvalidKeyBudget;
import io.atrium.sso.SsoLogin;
import jakarta.servlet.DispatcherType;

/**
 * Four filter chains: the chunk links of multipart uploads (signed links, nothing else), the API (stateless,
 * key-authenticated, JSON errors), the actuator (health open, the rest closed), and the Playground (form log-in and single sign-on through organizations' providers, sessions,
 * CSRF on every form).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String SESSION_COOKIE = "ATRIUM_SESSION";

    /** Everything from this origin, nothing inline: no inline script or style, no plugin, no framing. */
    private static final String PLAYGROUND_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    private static final RequestMatcher SWAGGER_UI = PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");

    /**
     * The same for the API reference, except the one {@code <style>} element Swagger UI's bundle writes into its page
     * (allowed by its hash, so no other inline style is): without it the page is refused and stays blank. A Swagger UI
     * upgrade that changes that style fails EveryPageBrowserTest, whose message gives the new hash.
     */
    private static final String SWAGGER_UI_POLICY = PLAYGROUND_POLICY
            + "; style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

    /** Returns to the page that asked for a log-in at its own URL, without Spring's "?continue" marker. */
    private static HttpSessionRequestCache savedPageWithoutMarker() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /**
     * {@code PUT /upload-chunks/...}: a chunk of a multipart upload sent to its signed, expiring link, which carries its
     * own authorization (checked by {@code video.multipart.ChunkLinks}), as S3's presigned part uploads do. The SDKs
     * send nothing but the bytes: no key, no session, no CSRF token.
     */
    @Bean
    @Order(0)
    SecurityFilterChain chunkLinkSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/upload-chunks/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyRequiredEntryPoint apiKeyRequired,
            ApiKeyVerifier verifier, InvalidKeyBudget invalidKeys, ApiErrors apiErrors) throws Exception {
        return http.securityMatcher("/v1.3/**", "/api/v1/**")
                // Built here rather than declared as a bean, so it runs in this chain only.
                .addFilterBefore(new ApiKeyAuthenticationFilter(verifier, invalidKeys, apiErrors),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // Programs authenticate every request with a header: no session, no cookie, so no CSRF.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(apiKeyRequired))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        // All of /actuator, not only the exposed endpoints, so an unexposed one is refused rather than sent to log in.
        return http.securityMatcher("/actuator", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().denyAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain playgroundSecurity(HttpSecurity http, AuthenticationProvider passwordLogin,
            AuthenticationSuccessHandler loginSuccess, AuthenticationFailureHandler loginFailure, SsoLogin ssoLogin)
            throws Exception {
        return ssoLogin.applyTo(http)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // The code step of a two-factor log-in: its session holds a checked password, not a log-in.
                        .requestMatchers("/login/two-factor").permitAll()
                        .requestMatchers("/login", "/signup", "/check-email", "/forgot-password", "/reset-password/*",
                                "/confirm-email/*", "/confirm-email-change/*", "/error", "/css/**", "/js/**", "/docs/**",
                                "/favicon.svg", "/favicon.ico", "/swagger-ui/**", "/v3/api-docs/**", "/webjars/**").permitAll()
                        // Signed, expiring media links carry their own authorization (MediaUrls).
                        .requestMatchers("/media/**").permitAll()
                        .requestMatchers(SsoLogin.PUBLIC_PATHS).permitAll()
                        // An invitation link opens for visitors too; accepting it needs a log-in.
                        .requestMatchers("/invitations/{token}", "/invitations/{token}/signup").permitAll()
                        .anyRequest().authenticated())
                // The only authentications here (the password form, and single sign-on's answers from providers); set
                // directly so no global manager asks the password provider a second time.
                .authenticationManager(new ProviderManager(passwordLogin, ssoLogin.authenticationProvider()))
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(loginSuccess)
                        .failureHandler(loginFailure))
                .requestCache(cache -> cache.requestCache(savedPageWithoutMarker()))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .deleteCookies(SESSION_COOKIE))
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI),
                                new ContentSecurityPolicyHeaderWriter(PLAYGROUND_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(SWAGGER_UI,
                                new ContentSecurityPolicyHeaderWriter(SWAGGER_UI_POLICY)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
