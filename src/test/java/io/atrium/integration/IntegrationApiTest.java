package io.atrium.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.ServerSecret;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.S3Server;

/**
 * {@code /api/v1/integrations} against an S3-compatible server (S3Proxy) on 127.0.0.1, which the test allows
 * through {@code atrium.integrations.allowed-addresses}; the real AWS SDK talks to it over HTTP.
 */
@IntegrationTest
@TestPropertySource(properties = "atrium.integrations.allowed-addresses=127.0.0.1/32")
class IntegrationApiTest extends ApplicationTest {

    static final S3Server s3 = S3Server.shared();
    final String bucket = s3.newBucket("footage");

    @Autowired
    ServerSecret serverSecret;

    @Test
    void anIntegrationIsSavedOnlyOnceItsCredentialsWorkAndItsSecretNeverComesBack() throws Exception {
        String key = api.newKey("integrator");

        String created = api.as(key).post("/api/v1/integrations", body("Raw footage", bucket, s3.secretKey()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Raw footage"))
                .andExpect(jsonPath("$.bucket").value(bucket))
                .andExpect(jsonPath("$.endpoint").value(endpoint()))
                .andExpect(jsonPath("$.prefix").value("incoming/"))
                .andExpect(jsonPath("$.access_key_id_hint").value("…cess"))
                .andExpect(jsonPath("$.secret_access_key").doesNotExist())
                .andExpect(jsonPath("$.access_key_id").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$._id");
        assertThat(created).doesNotContain(s3.secretKey());

        String sealed = jdbc.sql("select secret_access_key_sealed from integrations where id = :id").param("id", id)
                .query(String.class).single();
        assertThat(sealed).doesNotContain(s3.secretKey()).startsWith("v1.");
        assertThat(serverSecret.open(IntegrationService.SECRET_PURPOSE, id, sealed)).isEqualTo(s3.secretKey());

        String listed = api.as(key).get("/api/v1/integrations").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0]._id").value(id))
                .andExpect(jsonPath("$.page_info.total_results").value(1))
                .andReturn().getResponse().getContentAsString();
        assertThat(listed).doesNotContain(s3.secretKey());
        api.as(key).get("/api/v1/integrations/" + id).andExpect(jsonPath("$.name").value("Raw footage"));

        api.as(key).patch("/api/v1/integrations/" + id, "{\"name\":\"Dailies\",\"prefix\":\"\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Dailies"))
                .andExpect(jsonPath("$.prefix").value(""));
        api.as(key).patch("/api/v1/integrations/" + id, "{\"secret_access_key\":\"wrong-secret\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("integration_access_denied"));
        assertThat(jdbc.sql("select secret_access_key_sealed from integrations where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo(sealed);

        api.as(key).delete("/api/v1/integrations/" + id).andExpect(status().isNoContent());
        api.as(key).get("/api/v1/integrations/" + id).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select action from audit_log where target in ('Raw footage', 'Dailies') order by created_at")
                .query(String.class).list())
                .containsExactly("integration.created", "integration.updated", "integration.deleted");
    }

    @Test
    void badCredentialsAMissingBucketAndUnreachableOrRefusedEndpointsAreExplainedAndNothingIsSaved() throws Exception {
        String key = api.newKey("misconfigured");

        api.as(key).post("/api/v1/integrations", body("Wrong secret", bucket, "not-the-secret"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("integration_access_denied"));
        api.as(key).post("/api/v1/integrations", body("No bucket", "no-such-bucket-here", s3.secretKey()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("integration_bucket_not_found"))
                .andExpect(jsonPath("$.message").value("The bucket no-such-bucket-here does not exist at this endpoint."));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        api.as(key).post("/api/v1/integrations", body("Nobody home", bucket, s3.secretKey())
                .replace(endpoint(), "http://127.0.0.1:" + closedPort))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("integration_endpoint_unreachable"));
        api.as(key).post("/api/v1/integrations", body("Nowhere", bucket, s3.secretKey())
                .replace(endpoint(), "http://no-such-host.invalid:9000"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("integration_endpoint_unreachable"))
                .andExpect(jsonPath("$.message").value("The endpoint's host, no-such-host.invalid, could not be found."));
        // Refused by the DNS resolver of the S3 client itself, on every connection it makes
        for (String inside : new String[] {"http://127.0.0.2:" + s3.endpoint().getPort(), "http://169.254.169.254",
                "http://10.1.2.3:9000"}) {
            api.as(key).post("/api/v1/integrations", body("Inside", bucket, s3.secretKey()).replace(endpoint(), inside))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("integration_endpoint_blocked"));
        }
        api.as(key).post("/api/v1/integrations", body("Bad name", "Not_A_Bucket", s3.secretKey()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).post("/api/v1/integrations", body("No secret", bucket, ""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_not_provided"));
        api.as(key).post("/api/v1/integrations", body("File endpoint", bucket, s3.secretKey()).replace(endpoint(), "file:///etc"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));

        api.as(key).post("/api/v1/integrations", body("Twice", bucket, s3.secretKey())).andExpect(status().isCreated());
        api.as(key).post("/api/v1/integrations", body("Twice", bucket, s3.secretKey()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("integration_name_already_exists"));
        api.as(key).get("/api/v1/integrations").andExpect(jsonPath("$.page_info.total_results").value(1));
    }

    @Test
    void membersShareAnOrganizationsIntegrationsAndOtherAccountsGetNotFound() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Bucket");
        String outsiderKey = api.newKey("bucketoutsider");

        String id = api.as(team.adminKey()).createIntegration(body("Team bucket", bucket, s3.secretKey()));
        api.as(team.memberKey()).get("/api/v1/integrations/" + id).andExpect(status().isOk());
        api.as(team.memberKey()).patch("/api/v1/integrations/" + id, "{\"name\":\"Team bucket 2\"}").andExpect(status().isOk());

        api.as(outsiderKey).get("/api/v1/integrations").andExpect(jsonPath("$.data.length()").value(0));
        api.as(outsiderKey).get("/api/v1/integrations/" + id).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("resource_not_exist"));
        api.as(outsiderKey).patch("/api/v1/integrations/" + id, "{\"name\":\"Stolen\"}").andExpect(status().isNotFound());
        api.as(outsiderKey).delete("/api/v1/integrations/" + id).andExpect(status().isNotFound());
        api.as(team.adminKey()).get("/api/v1/integrations/" + id).andExpect(jsonPath("$.name").value("Team bucket 2"));
    }

    private String endpoint() {
        return s3.endpoint().toString();
    }

    private String body(String name, String bucketName, String secret) {
        return s3.integrationJson(name, bucketName, "incoming/", secret);
    }
}
