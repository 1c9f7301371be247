package io.atrium.account;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.from;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.ResealSecretsCommand;
import io.atrium.shared.AtriumProperties;
import io.atrium.shared.ServerSecret;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.Authenticator;
import io.atrium.testsupport.RotatedMasterKey;

/** Rotating the master key: the re-seal command seals the two-factor secrets under the new key too. */
@RotatedMasterKey
class TwoFactorSecretRotationTest extends ApplicationTest {

    /** A secret the test made, as the old server would have sealed it. */
    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Autowired
    ResealSecretsCommand command;
    @TempDir
    Path data;

    @Test
    void theResealCommandSealsTwoFactorSecretsFromTheOldKeyUnderTheNewOne() throws Exception {
        String email = uniqueEmail("rotated");
        signUp(mvc, "Rotated Owner", email);
        String userId = jdbc.sql("select id from users where email = :email").param("email", email).query(String.class).single();
        ServerSecret oldServer = new ServerSecret(RotatedMasterKey.OLD, List.of(), new AtriumProperties(data, null));
        jdbc.sql("""
                insert into two_factor (user_id, secret_sealed, enabled_at, created_at)
                values (:userId, :sealed, :now, :now)""")
                .param("userId", userId).param("sealed", oldServer.seal(TwoFactorService.SECRET_PURPOSE, userId, SECRET))
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();

        command.run(new DefaultApplicationArguments("reseal-secrets"));

        String resealed = jdbc.sql("select secret_sealed from two_factor where user_id = :userId").param("userId", userId)
                .query(String.class).single();
        ServerSecret newOnly = new ServerSecret(RotatedMasterKey.NEW, List.of(), new AtriumProperties(data, null));
        assertThat(newOnly.isCurrent(resealed)).isTrue();
        assertThat(newOnly.open(TwoFactorService.SECRET_PURPOSE, userId, resealed)).isEqualTo(SECRET);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).with(from("10.41.0.1"))
                        .param("email", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login/two-factor"));
        mvc.perform(post("/login/two-factor").session(session).with(csrf()).with(from("10.41.0.1"))
                        .param("code", new Authenticator(SECRET, Clock.systemUTC()).nextCode()))
                .andExpect(redirectedUrl("/"));
    }
}
