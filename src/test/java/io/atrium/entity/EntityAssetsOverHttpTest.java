package io.atrium.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.HttpApiClient;
import io.atrium.testsupport.MultipartForm;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.TestVideos;

/**
 * {@code DELETE …/entities/{id}/assets} takes its asset ids in a JSON body, which a servlet container may leave
 * unread for a DELETE: through real Tomcat the body arrives and the asset is removed.
 */
@ServerTest
class EntityAssetsOverHttpTest {

    @LocalServerPort
    int port;

    @Test
    void aDeleteWithAJsonBodyRemovesTheAssetsItNames() throws Exception {
        HttpApiClient api = HttpApiClient.on(port);
        HttpApiClient.Caller caller = api.as(api.newKey("tomcat-delete"));
        String first = asset(caller);
        String second = asset(caller);
        String collection = JsonPath.read(caller.send("POST", "/v1.3/entity-collections", "{\"name\":\"Over HTTP\"}").body(), "$._id");
        String path = "/v1.3/entity-collections/" + collection + "/entities";
        String entity = JsonPath.read(caller.send("POST", path,
                "{\"name\":\"Both\",\"asset_ids\":[\"" + first + "\",\"" + second + "\"]}").body(), "$._id");

        HttpResponse<String> removed = caller.send("DELETE", path + "/" + entity + "/assets", "{\"asset_ids\":[\"" + first + "\"]}");

        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<java.util.List<String>>read(removed.body(), "$.asset_ids")).containsExactly(second);
        assertThat(JsonPath.<java.util.List<String>>read(caller.get(path + "/" + entity).body(), "$.asset_ids"))
                .containsExactly(second);
    }

    private static String asset(HttpApiClient.Caller caller) throws Exception {
        HttpResponse<String> created = caller.post(MultipartForm.post("/v1.3/assets").param("method", "direct")
                .file(MultipartForm.assetFile(TestVideos.still())));
        assertThat(created.statusCode()).isEqualTo(201);
        return JsonPath.read(created.body(), "$._id");
    }
}
