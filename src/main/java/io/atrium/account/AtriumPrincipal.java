package io.atrium.account;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in user as stored in the session. Pages look the user up by {@link #userId()} on each request,
 * so a changed name or email shows at once; the password hash is erased right after log-in.
 */
public final class AtriumPrincipal implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"));

    private final String userId;
    private final String email;
    private String passwordHash;

    AtriumPrincipal(String userId, String email, String passwordHash) {
        this.userId = userId;
        this.email = email;
        this.passwordHash = passwordHash;
    }

    public String userId() {
        return userId;
    }

    /**
     * The user id, not the email: it is the principal name Spring Session indexes sessions by, and it must not
     * change when the email does, so that a password change finds every session of the user.
     */
    @Override
    public String getUsername() {
        return userId;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AtriumPrincipal that && userId.equals(that.userId);
    }

    @Override
    public int hashCode() {
        return userId.hashCode();
    }

    @Override
    public String toString() {
        return "AtriumPrincipal[userId=" + userId + "]";
    }
}
