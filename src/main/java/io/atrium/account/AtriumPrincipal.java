package io.atrium.account;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
    /** The organization whose provider this session logged in through, or null for a password log-in. */
    private final String ssoAccountId;

    AtriumPrincipal(String userId, String email, String passwordHash) {
        this(userId, email, passwordHash, null);
    }

    private AtriumPrincipal(String userId, String email, String passwordHash, String ssoAccountId) {
        this.userId = userId;
        this.email = email;
        this.passwordHash = passwordHash;
        this.ssoAccountId = ssoAccountId;
    }

    /** A session that logged in through the single sign-on provider of the organization {@code ssoAccountId}. */
    static AtriumPrincipal throughSso(String userId, String email, String ssoAccountId) {
        return new AtriumPrincipal(userId, email, null, ssoAccountId);
    }

    public String userId() {
        return userId;
    }

    /**
     * The organization whose provider this session logged in through: an organization that requires single sign-on
     * lets this session in (and no other, unless the user is its administrator).
     */
    public Optional<String> ssoAccountId() {
        return Optional.ofNullable(ssoAccountId);
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
        return "AtriumPrincipal[userId=" + userId + (ssoAccountId == null ? "" : ", ssoAccountId=" + ssoAccountId) + "]";
    }
}
