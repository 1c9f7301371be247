package io.atrium.sso;

import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import io.atrium.ResealSecretsCommand;
import io.atrium.shared.AtriumProperties;
import io.atrium.shared.ServerSecret;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.RotatedMasterKey;
import io.atrium.testsupport.Organizations;

/** Rotating the master key reseals the single sign-on client secrets too (the keys are SecretRotationTest's). */
@RotatedMasterKey
class SsoSecretRotationTest extends ApplicationTest {

    @Autowired
    ResealSecretsCommand command;
    @TempDir
    Path data;

    @Test
    void theResealCommandSealsClientSecretsFromTheOldKeyUnderTheNewOne() throws Exception {
        String name = "Rotating SSO " + UUID.randomUUID().toString().substring(0, 6);
        Organizations.createWithAdmin(mvc, "Rotating Admin", uniqueEmail("sso-rotation"), name);
        String organization = Organizations.organizationId(jdbc, name);
        ServerSecret oldServer = new ServerSecret(RotatedMasterKey.OLD, List.of(), new AtriumProperties(data, null));
        jdbc.sql("""
                insert into sso_settings (account_id, issuer, client_id, client_secret_sealed, join_role, updated_at)
                values (:id, 'https://login.example.com', 'atrium', :sealed, 'member', :now)""")
                .param("id", organization)
                .param("sealed", oldServer.seal(SsoSettingsService.SECRET_PURPOSE, organization, "old-client-secret"))
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();

        command.run(new DefaultApplicationArguments("reseal-secrets"));

        String resealed = jdbc.sql("select client_secret_sealed from sso_settings where account_id = :id")
                .param("id", organization).query(String.class).single();
        ServerSecret newOnly = new ServerSecret(RotatedMasterKey.NEW, List.of(), new AtriumProperties(data, null));
        assertThat(newOnly.isCurrent(resealed)).isTrue();
        assertThat(newOnly.open(SsoSettingsService.SECRET_PURPOSE, organization, resealed)).isEqualTo("old-client-secret");
    }
}
