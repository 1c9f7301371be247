package io.atrium.webhook;

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

/** Rotating the master key: {@code reseal-secrets} seals webhook signing secrets again under the new key. */
@RotatedMasterKey
class WebhookSecretRotationTest extends ApplicationTest {

    @Autowired
    ResealSecretsCommand command;
    @Autowired
    WebhookService webhooks;
    @TempDir
    Path data;

    @Test
    void theResealCommandSealsWebhookSecretsFromTheOldKeyUnderTheNewOne() throws Exception {
        signUp(mvc, "Rotating Hooks", uniqueEmail("hookrotation"));
        String account = jdbc.sql("select id from accounts order by created_at desc limit 1").query(String.class).single();
        String user = jdbc.sql("select personal_of_user_id from accounts where id = :id").param("id", account)
                .query(String.class).single();
        ServerSecret oldServer = new ServerSecret(RotatedMasterKey.OLD, List.of(), new AtriumProperties(data, null));
        String id = "0000000000000000000000bb";
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        jdbc.sql("""
                insert into webhook_endpoints (id, account_id, url, description, events, secret_sealed, enabled,
                    created_by_user_id, created_at, updated_at)
                values (:id, :account, 'https://203.0.113.10/hooks', '', 'task.ready', :sealed, true, :user, :now, :now)""")
                .param("id", id).param("account", account).param("user", user)
                .param("sealed", oldServer.seal(WebhookSecrets.PURPOSE, id, secret))
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();

        command.run(new DefaultApplicationArguments("reseal-secrets"));

        String resealed = jdbc.sql("select secret_sealed from webhook_endpoints where id = :id").param("id", id)
                .query(String.class).single();
        ServerSecret newOnly = new ServerSecret(RotatedMasterKey.NEW, List.of(), new AtriumProperties(data, null));
        assertThat(newOnly.isCurrent(resealed)).isTrue();
        assertThat(newOnly.open(WebhookSecrets.PURPOSE, id, resealed)).isEqualTo(secret);
        assertThat(webhooks.sealSecretsUnderCurrentKey()).isZero();
    }
}
