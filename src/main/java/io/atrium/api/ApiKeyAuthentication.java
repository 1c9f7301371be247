package io.atrium.api;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key; the principal is the {@link ApiCaller}. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final transient ApiCaller caller;

    public ApiKeyAuthentication(ApiCaller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_API")));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiCaller getPrincipal() {
        return caller;
    }
}
