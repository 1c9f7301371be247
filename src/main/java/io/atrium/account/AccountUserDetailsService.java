package io.atrium.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import io.atrium.shared.EmailAddresses;

/** Finds the user who is logging in by email, compared case-insensitively. */
class AccountUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    AccountUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        if (!EmailAddresses.isValid(email == null ? null : email.strip())) {
            throw new UsernameNotFoundException("Not an email address");
        }
        return users.findByEmail(email)
                .map(user -> new AtriumPrincipal(user.id(), user.email(), user.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
