package io.atrium.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.AtriumProperties;
import io.atrium.testsupport.HttpApiClient;
import io.atrium.testsupport.S3Server;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.TestVideos;

/**
 * The whole application with its stored files in an S3-compatible bucket, over real HTTP: uploads land in the
 * bucket, the signed link streams ranges out of it, and deleting a video or an index or failing a task empties
 * it again. Nothing is written under the data directory's objects.
 */
@ServerTest
class S3StorageEndToEndTest {

    private static final String PREFIX = "atrium/";
    private static final S3Server S3 = S3Server.shared();
    private static final String BUCKET = S3.newBucket("app");

    static final Path fiveSeconds = TestVideos.shared("match.mp4", 5);

    @LocalServerPort
    int port;
    @Autowired
    AtriumProperties properties;

    HttpApiClient api;
    HttpApiClient.Caller uploader;

    @DynamicPropertySource
    static void storeInTheBucket(DynamicPropertyRegistry registry) {
        S3.storeIn(registry, BUCKET, PREFIX);
    }

    @BeforeEach
    void apiKey() throws Exception {
        api = HttpApiClient.on(port);
        uploader = api.as(api.newKey("s3"));
    }

    @Test
    void anUploadIsStoredInTheBucketStreamedByRangeAndDeletedWithItsVideo() throws Exception {
        String index = index("Bucketed", "[\"thumbnail\"]");
        String created = upload(index, fiveSeconds);
        String videoId = JsonPath.read(created, "$.video_id");
        uploader.awaitTaskStatus(JsonPath.read(created, "$._id"), "ready");

        String video = uploader.awaitHls(index, videoId, "COMPLETE");
        String account = accountOf(JsonPath.read(video, "$.file_url"));
        assertThat(S3.objects(BUCKET)).containsExactlyInAnyOrder(
                PREFIX + account + "/" + videoId + ".mp4", PREFIX + account + "/" + videoId + "-thumbnail.jpg",
                PREFIX + account + "/" + videoId + "-hls.m3u8", PREFIX + account + "/" + videoId + "-hls-00000.ts");
        assertThat(properties.dataDir().resolve("objects")).doesNotExist();

        // the HLS playlist and its one segment, read out of the bucket through their signed links
        String playlistLink = localPart(JsonPath.read(video, "$.hls.video_url"));
        HttpResponse<String> playlist = api.send(api.request(playlistLink).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(playlist.statusCode()).isEqualTo(200);
        assertThat(playlist.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        String segmentLine = playlist.body().lines().filter(line -> line.startsWith("hls-")).findFirst().orElseThrow();
        HttpResponse<byte[]> segment = api.send(api.request(URI.create(playlistLink).resolve(segmentLine).toString()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.headers().firstValue("Content-Type")).hasValue("video/mp2t");
        assertThat(segment.body()[0]).as("an MPEG-TS sync byte").isEqualTo((byte) 0x47);

        byte[] file = Files.readAllBytes(fiveSeconds);
        String link = localPart(JsonPath.read(video, "$.file_url"));
        HttpResponse<byte[]> part = api.send(api.request(link).header("Range", "bytes=100-1099").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + file.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 100, 1100));
        HttpResponse<byte[]> tail = api.send(api.request(link).header("Range", "bytes=-500").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 500, file.length));
        HttpResponse<byte[]> whole = api.send(api.request(link).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.body()).isEqualTo(file);
        HttpResponse<String> twoRanges = api.send(api.request(link).header("Range", "bytes=0-9,20-29").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
        assertThat(twoRanges.statusCode()).isEqualTo(206);
        assertThat(twoRanges.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("multipart/byteranges"));
        assertThat(twoRanges.body()).contains(new String(Arrays.copyOfRange(file, 20, 30), StandardCharsets.ISO_8859_1));
        HttpResponse<byte[]> pastTheEnd = api.send(api.request(link).header("Range", "bytes=" + file.length + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pastTheEnd.statusCode()).isEqualTo(416);
        HttpResponse<byte[]> thumbnail = api.send(api.request(localPart(JsonPath.read(video, "$.hls.thumbnail_urls[0]"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.body()).startsWith(0xFF, 0xD8);

        assertThat(uploader.delete("/v1.3/indexes/" + index + "/videos/" + videoId).statusCode()).isEqualTo(200);

        assertThat(S3.objects(BUCKET)).isEmpty();
        assertThat(api.send(api.request(link).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void aRefusedFileAndADeletedIndexLeaveNothingInTheBucket() throws Exception {
        String index = index("Doomed", "[]");
        String refused = upload(index, TestVideos.noise());
        String kept = upload(index, fiveSeconds);

        uploader.awaitTaskStatus(JsonPath.read(refused, "$._id"), "failed");
        uploader.awaitTaskStatus(JsonPath.read(kept, "$._id"), "ready");
        String keptVideo = JsonPath.read(kept, "$.video_id");
        uploader.awaitHls(index, keptVideo, "COMPLETE");
        assertThat(S3.objects(BUCKET)).map(key -> key.substring(key.lastIndexOf('/') + 1)).containsExactlyInAnyOrder(
                keptVideo + ".mp4", keptVideo + "-hls.m3u8", keptVideo + "-hls-00000.ts");

        assertThat(uploader.delete("/v1.3/indexes/" + index).statusCode()).isEqualTo(200);

        assertThat(S3.objects(BUCKET)).isEmpty();
        assertThat(S3.unfinishedUploads(BUCKET)).isEmpty();
    }

    private String index(String name, String addons) throws Exception {
        return uploader.createIndexFrom("{\"index_name\":\"" + name + "\",\"models\":[{\"model_name\":\"marengo3.0\","
                + "\"model_options\":[\"visual\"]}],\"addons\":" + addons + "}");
    }

    /** {@code POST /v1.3/tasks} with the file; the task it made. */
    private String upload(String index, Path file) throws Exception {
        HttpResponse<String> response = uploader.upload(index, file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    /** The path and query of an absolute link. */
    private static String localPart(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** Media links read {@code /media/<account>/<video>/...}. */
    private static String accountOf(String mediaUrl) {
        List<String> segments = List.of(URI.create(mediaUrl).getPath().split("/"));
        return segments.get(segments.indexOf("media") + 1);
    }
}
