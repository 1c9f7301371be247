package io.atrium.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The 30,000 most common passwords, from the frequency list that ships inside the zxcvbn library
 * (R-ACC-2). Compared case-insensitively: "Password1" is as weak as "password1".
 */
@Component
class CommonPasswords {

    static final String RESOURCE = "com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

    private final Set<String> passwords;

    CommonPasswords() {
        this.passwords = load();
    }

    boolean contains(String password) {
        return passwords.contains(password.toLowerCase(Locale.ROOT));
    }

    int size() {
        return passwords.size();
    }

    private static Set<String> load() {
        InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("The common-password list " + RESOURCE + " is missing from the classpath");
        }
        Set<String> words = new HashSet<>(40_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.strip();
                if (!word.isEmpty()) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
