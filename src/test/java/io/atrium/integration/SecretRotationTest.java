package io.atrium.integration;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import io.atrium.ResealSecretsCommand;
import io.atrium.shared.AtriumProperties;
import io.atrium.shared.ServerSecret;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.RotatedMasterKey;

/** Rotating the master key: the server runs on the new key with the old one listed, and the command re-seals. */
@RotatedMasterKey
class SecretRotationTest extends ApplicationTest {

    @Autowired
    ResealSecretsCommand command;
    @Autowired
    IntegrationService integrations;
    @TempDir
    Path data;

    @Test
    void theResealCommandSealsSecretsFromTheOldKeyUnderTheNewOne() throws Exception {
        signUp(mvc, "Rotating Owner", uniqueEmail("rotation"));
        String account = jdbc.sql("select id from accounts order by created_at desc limit 1").query(String.class).single();
        ServerSecret oldServer = new ServerSecret(RotatedMasterKey.OLD, List.of(), new AtriumProperties(data, null));
        String id = "0000000000000000000000aa";
        jdbc.sql("""
                insert into integrations (id, account_id, name, bucket, region, endpoint, prefix, access_key_id,
                    secret_access_key_sealed, created_at, updated_at)
                values (:id, :account, 'Old bucket', 'old-bucket', 'us-east-1', null, '', 'AKIAOLD', :sealed, :now, :now)""")
                .param("id", id).param("account", account)
                .param("sealed", oldServer.seal(IntegrationService.SECRET_PURPOSE, id, "old-secret-value"))
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        assertThat(integrations.bucketConfig(account, id).secretAccessKey()).isEqualTo("old-secret-value");

        command.run(new DefaultApplicationArguments("reseal-secrets"));

        String resealed = jdbc.sql("select secret_access_key_sealed from integrations where id = :id").param("id", id)
                .query(String.class).single();
        ServerSecret newOnly = new ServerSecret(RotatedMasterKey.NEW, List.of(), new AtriumProperties(data, null));
        assertThat(newOnly.isCurrent(resealed)).isTrue();
        assertThat(newOnly.open(IntegrationService.SECRET_PURPOSE, id, resealed)).isEqualTo("old-secret-value");
        assertThat(resealed).doesNotContain("old-secret-value");
        assertThat(integrations.sealSecretsUnderCurrentKey()).isZero();
    }
}
