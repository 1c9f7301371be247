package io.atrium.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MultipartForm;
import io.atrium.testsupport.TestVideos;

/**
 * {@code POST /v1.3/tasks} with a {@code video_url}: downloaded by the worker from a real HTTP server on this
 * machine, which the allow-list permits (127.0.0.1 only); every other loopback, link-local or private address is
 * refused, also when a redirect leads there.
 */
@IntegrationTest
@TestPropertySource(properties = {"atrium.videos.download.allowed-addresses=127.0.0.1/32", "atrium.videos.max-file-size=2MB"})
class VideoUrlUploadTest extends ApplicationTest {

    static final Path clip = TestVideos.shared("pier.mp4", 5);
    static HttpServer source;
    static String origin;
    /** How many bytes the source sent for the endless file: a refused download stops reading early. */
    static final AtomicLong endlessBytesSent = new AtomicLong();

    @BeforeAll
    static void startSource() throws Exception {
        source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.createContext("/clips/", exchange -> {
            byte[] video = Files.readAllBytes(clip);
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, video.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(video);
            }
        });
        source.createContext("/playlists/", exchange -> {
            byte[] playlist = ("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:5.0,\n" + clip.toAbsolutePath()
                    + "\n#EXT-X-ENDLIST\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.apple.mpegurl");
            exchange.sendResponseHeaders(200, playlist.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(playlist);
            }
        });
        source.createContext("/to-metadata-service", exchange -> redirect(exchange, "http://169.254.169.254/latest/meta-data/"));
        source.createContext("/to-other-loopback", exchange -> redirect(exchange,
                "http://127.0.0.2:" + source.getAddress().getPort() + "/clips/pier.mp4"));
        source.createContext("/large", exchange -> {
            exchange.sendResponseHeaders(200, 3 * 1024 * 1024);
            exchange.close();
        });
        source.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    out.write(chunk);
                    endlessBytesSent.addAndGet(chunk.length);
                }
            } catch (IOException droppedByTheServer) {
                // expected: the download stops past the limit
            }
        });
        source.start();
        origin = "http://127.0.0.1:" + source.getAddress().getPort();
    }

    @AfterAll
    static void stopSource() {
        source.stop(0);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    @Test
    void aVideoAtAUrlIsDownloadedCheckedAndStoredLikeAnUpload() throws Exception {
        String key = api.newKey("urlfetcher");
        String index = api.as(key).createIndex("From the web");

        String created = fromUrl(key, index, origin + "/clips/pier%20north.mp4", "{\"source\":\"web\"}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String taskId = JsonPath.read(created, "$._id");
        String videoId = JsonPath.read(created, "$.video_id");
        api.as(key).awaitTaskStatus(taskId, "ready");

        api.as(key).get("/v1.3/indexes/" + index + "/videos/" + videoId).andExpect(status().isOk())
                .andExpect(jsonPath("$.system_metadata.filename").value("pier north.mp4"))
                .andExpect(jsonPath("$.system_metadata.size").value(Files.size(clip)))
                .andExpect(jsonPath("$.system_metadata.duration", closeTo(5.0, 0.1)))
                .andExpect(jsonPath("$.user_metadata.source").value("web"))
                .andExpect(jsonPath("$.file_url").isNotEmpty());
    }

    @Test
    void aVideoWhoseNameSaysHtmlIsServedAsTheVideoItIsNeverAsAPage() throws Exception {
        String key = api.newKey("htmlname");
        String index = api.as(key).createIndex("Names lie");

        String created = fromUrl(key, index, origin + "/clips/re%22port%0D%0A.html", null)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        api.as(key).awaitTaskStatus(JsonPath.read(created, "$._id"), "ready");
        String video = api.as(key).get("/v1.3/indexes/" + index + "/videos/" + JsonPath.read(created, "$.video_id"))
                .andReturn().getResponse().getContentAsString();
        java.net.URI link = java.net.URI.create(JsonPath.read(video, "$.file_url"));

        mvc.perform(get(link.getRawPath() + "?" + link.getRawQuery())).andExpect(status().isOk())
                .andExpect(content().contentType("video/mp4"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", "sandbox; default-src 'none'"))
                .andExpect(header().string("Content-Disposition", "inline; filename=\"re_port.html\""));
    }

    @Test
    void aPlaylistAtAUrlIsABrokenVideo() throws Exception {
        String key = api.newKey("playlisturl");
        String index = api.as(key).createIndex("Playlists");

        String task = taskId(fromUrl(key, index, origin + "/playlists/list.m3u8", null));

        api.as(key).awaitTaskStatus(task, "failed");
        api.as(key).get("/v1.3/tasks/" + task).andExpect(jsonPath("$.error.code").value("video_file_broken"));
    }

    @Test
    void urlsThatAreNotHttpOrPointInsideAreRefusedAtOnceAndCreateNothing() throws Exception {
        String key = api.newKey("urlchecker");
        String index = api.as(key).createIndex("Checked");

        for (String url : new String[] {"ftp://example.com/clip.mp4", "file:///etc/passwd", "not a url", "http:///clip.mp4",
                "http://user:secret@example.com/clip.mp4"}) {
            fromUrl(key, index, url, null).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("parameter_invalid"));
        }
        for (String url : new String[] {"http://127.0.0.2/clip.mp4", "http://[::1]:1/clip.mp4",
                "http://10.0.0.8/clip.mp4", "http://192.168.1.20/clip.mp4", "http://172.20.0.1/clip.mp4",
                "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/clip.mp4", "http://[::ffff:10.0.0.1]/clip.mp4",
                "http://[fd00::1]/clip.mp4", "http://100.64.0.1/clip.mp4"}) {
            fromUrl(key, index, url, null).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("video_url_blocked"));
        }
        fromUrl(key, index, "http://no-such-host.invalid/clip.mp4", null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(startsWith("The host of video_url")));
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :index").param("index", index)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aRedirectToARefusedAddressFailsTheTaskWithoutConnecting() throws Exception {
        String key = api.newKey("redirected");
        String index = api.as(key).createIndex("Redirects");

        String toMetadata = taskId(fromUrl(key, index, origin + "/to-metadata-service", null));
        String toLoopback = taskId(fromUrl(key, index, origin + "/to-other-loopback", null));
        api.as(key).awaitTaskStatus(toMetadata, "failed");
        api.as(key).awaitTaskStatus(toLoopback, "failed");
        api.as(key).get("/v1.3/tasks/" + toMetadata).andExpect(jsonPath("$.error.code").value("video_url_blocked"));
        api.as(key).get("/v1.3/tasks/" + toLoopback).andExpect(jsonPath("$.error.code").value("video_url_blocked"));
    }

    @Test
    void sourcesThatAreMissingOrTooLargeFailTheTaskWithTheirReasonAndLeaveNoFile() throws Exception {
        String key = api.newKey("toolarge");
        String index = api.as(key).createIndex("Limits");

        String missing = taskId(fromUrl(key, index, origin + "/nothing-here.mp4", null));
        String announced = taskId(fromUrl(key, index, origin + "/large", null));
        String endless = taskId(fromUrl(key, index, origin + "/endless", null));
        api.as(key).awaitTaskStatus(missing, "failed");
        api.as(key).awaitTaskStatus(announced, "failed");
        api.as(key).awaitTaskStatus(endless, "failed");

        api.as(key).get("/v1.3/tasks/" + missing).andExpect(jsonPath("$.error.code").value("video_url_unreachable"))
                .andExpect(jsonPath("$.error.message").value("video_url answered HTTP 404."));
        api.as(key).get("/v1.3/tasks/" + announced).andExpect(jsonPath("$.error.code").value("video_filesize_too_large"));
        api.as(key).get("/v1.3/tasks/" + endless).andExpect(jsonPath("$.error.code").value("video_filesize_too_large"));
        assertThat(endlessBytesSent.get()).isLessThan(32L * 1024 * 1024);
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :index and object_key is not null")
                .param("index", index).query(Integer.class).single()).isZero();
    }

    @Test
    void anotherAccountsIndexAnswersNotFoundForAUrlUpload() throws Exception {
        String owner = api.newKey("urlowner");
        String index = api.as(owner).createIndex("Private");
        String stranger = api.newKey("urlstranger");

        fromUrl(stranger, index, origin + "/clips/pier.mp4", null).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :index").param("index", index)
                .query(Integer.class).single()).isZero();
    }

    private ResultActions fromUrl(String key, String index, String url, String metadata) throws Exception {
        var request = MultipartForm.post("/v1.3/tasks").param("index_id", index).param("video_url", url);
        if (metadata != null) {
            request.param("user_metadata", metadata);
        }
        return api.as(key).perform(request);
    }

    private static String taskId(ResultActions created) throws Exception {
        return JsonPath.read(created.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$._id");
    }
}
