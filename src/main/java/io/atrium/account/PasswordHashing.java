package io.atrium.account;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Adaptive password hashing (R-ACC-2). Argon2id is the default because, unlike bcrypt, it has no 72-byte
 * input limit and passwords may be up to 128 characters; hashes carry their algorithm id so the
 * parameters can be raised later without breaking stored hashes.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(ARGON2, Map.of(
                ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }
}
