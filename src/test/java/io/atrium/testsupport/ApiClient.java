package io.atrium.testsupport;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.jayway.jsonpath.JsonPath;

/**
 * The public API as a client calls it, with an {@code x-api-key}, through MockMvc:
 * {@code api.as(key).createIndex("Matches")}, {@code api.as(key).get("/v1.3/tasks")}. Every {@link IntegrationTest}
 * can have it {@code @Autowired}.
 */
public class ApiClient {

    /** An index on Marengo with visual search, what most tests need. */
    public static final String INDEX =
            "{\"index_name\":\"%s\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}]}";

    private final MockMvc mvc;

    public ApiClient(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** Calls made with the key. */
    public Caller as(String key) {
        return new Caller(key);
    }

    /** A key of a new user's personal account, made on Settings > API Keys after signing up as {@code who}. */
    public String newKey(String who) throws Exception {
        return ApiKeys.create(mvc, signUp(mvc, "API " + who, uniqueEmail(who)), who + " key");
    }

    /** The calls of one key. */
    public final class Caller extends KeyCalls {

        private final String key;

        private Caller(String key) {
            this.key = key;
        }

        public ResultActions perform(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
            return mvc.perform(request.header("x-api-key", key));
        }

        /** A multipart body written as an HTTP client writes it, {@code POST /v1.3/tasks} for one. */
        public ResultActions perform(MultipartForm form) throws Exception {
            return perform(form.request());
        }

        public ResultActions get(String path) throws Exception {
            return perform(MockMvcRequestBuilders.get(path));
        }

        public ResultActions delete(String path) throws Exception {
            return perform(MockMvcRequestBuilders.delete(path));
        }

        /** A DELETE with a JSON body, as {@code DELETE /v1.3/entity-collections/{id}/entities/{id}/assets} takes. */
        public ResultActions delete(String path, String json) throws Exception {
            return perform(json(MockMvcRequestBuilders.delete(path), json));
        }

        public ResultActions post(String path) throws Exception {
            return perform(MockMvcRequestBuilders.post(path));
        }

        public ResultActions post(String path, String json) throws Exception {
            return perform(json(MockMvcRequestBuilders.post(path), json));
        }

        public ResultActions patch(String path, String json) throws Exception {
            return perform(json(MockMvcRequestBuilders.patch(path), json));
        }

        public ResultActions put(String path, String json) throws Exception {
            return perform(json(MockMvcRequestBuilders.put(path), json));
        }

        @Override
        public String createIndexFrom(String json) throws Exception {
            return JsonPath.read(post("/v1.3/indexes", json).andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString(), "$._id");
        }

        /** An S3 integration as the JSON body of {@code POST /api/v1/integrations} describes it; its id. */
        public String createIntegration(String json) throws Exception {
            return JsonPath.read(post("/api/v1/integrations", json).andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString(), "$._id");
        }

        /** A new entity collection's id. */
        public String createEntityCollection(String name) throws Exception {
            return JsonPath.read(post("/v1.3/entity-collections", "{\"name\":\"" + name + "\"}")
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$._id");
        }

        /** A new entity's id: its name and assets, no metadata. */
        public String createEntity(String collection, String name, String... assetIds) throws Exception {
            String ids = String.join("\",\"", assetIds);
            return JsonPath.read(post("/v1.3/entity-collections/" + collection + "/entities",
                    "{\"name\":\"" + name + "\",\"asset_ids\":[\"" + ids + "\"]}")
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$._id");
        }

        /** {@code POST /v1.3/tasks} with the file as {@code video_file} and the user metadata, if any. */
        public ResultActions upload(String index, Path video, String metadata) throws Exception {
            MultipartForm form = MultipartForm.post("/v1.3/tasks").file(MultipartForm.videoFile(video))
                    .param("index_id", index);
            if (metadata != null) {
                form.param("user_metadata", metadata);
            }
            return perform(form);
        }

        /** Uploads the file, waits until its task is ready and returns the video's id. */
        public String readyVideo(String index, Path video, String metadata) throws Exception {
            String created = upload(index, video, metadata).andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString();
            awaitTaskStatus(JsonPath.read(created, "$._id"), "ready");
            return JsonPath.read(created, "$.video_id");
        }

        /** {@code POST /v1.3/assets} of the file with {@code method=direct} and the extra form fields (name, value...). */
        public ResultActions uploadAsset(Path file, String... fields) throws Exception {
            MultipartForm form = MultipartForm.post("/v1.3/assets").param("method", "direct");
            for (int i = 0; i < fields.length; i += 2) {
                form.param(fields[i], fields[i + 1]);
            }
            return perform(form.file(MultipartForm.assetFile(file)));
        }

        /** Uploads the file as an asset, waits until it is ready and returns its id. */
        public String readyAsset(Path file, String... fields) throws Exception {
            String id = JsonPath.read(uploadAsset(file, fields).andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString(), "$._id");
            awaitAssetStatus(id, "ready");
            return id;
        }

        @Override
        public String assetStatus(String assetId) throws Exception {
            return JsonPath.read(get("/v1.3/assets/" + assetId).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(), "$.status");
        }

        @Override
        public String video(String indexId, String videoId) throws Exception {
            return get("/v1.3/indexes/" + indexId + "/videos/" + videoId).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
        }

        @Override
        public String taskStatus(String taskId) throws Exception {
            return JsonPath.read(get("/v1.3/tasks/" + taskId).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString(), "$.status");
        }

        private static AbstractMockHttpServletRequestBuilder<?> json(AbstractMockHttpServletRequestBuilder<?> request,
                String json) {
            return request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
    }
}
