package io.atrium.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.AtriumProperties;
import io.atrium.shared.ServerSecret;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Jobs;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.TestVideos;

/**
 * HLS renditions of uploaded videos: {@code hls.video_url} becomes a signed {@code .m3u8} playlist whose segments are
 * signed links too, every segment decodes with FFmpeg, and no link reaches what it was not signed for.
 */
@IntegrationTest
class HlsRenditionTest extends ApplicationTest {

    /** Three segments: 6 s, 6 s and 2 s. */
    static final Path fourteenSeconds = TestVideos.shared("long.mp4", 14);

    @Autowired
    ServerSecret secret;
    @Autowired
    AtriumProperties properties;

    @TempDir
    Path downloads;

    @Test
    void aStreamedVideoGetsAPlaylistWhoseSignedSegmentsDecodeToTheWholeVideo() throws Exception {
        String key = api.newKey("hls");
        String index = api.as(key).createIndex("HLS");
        String created = api.as(key).upload(index, fourteenSeconds, null).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String taskId = JsonPath.read(created, "$._id");
        String videoId = JsonPath.read(created, "$.video_id");
        api.as(key).awaitTaskStatus(taskId, "ready");

        String video = api.as(key).awaitHls(index, videoId, "COMPLETE");
        String playlistLink = JsonPath.read(video, "$.hls.video_url");
        assertThat(URI.create(playlistLink).getPath()).endsWith("/" + videoId + "/hls.m3u8");
        assertThat((String) JsonPath.read(video, "$.hls.updated_at")).isNotBlank();
        api.as(key).get("/v1.3/tasks/" + taskId).andExpect(jsonPath("$.hls.status").value("COMPLETE"))
                .andExpect(jsonPath("$.hls.video_url").value(org.hamcrest.Matchers.containsString("/hls.m3u8?")));

        List<String> segmentLinks = segmentLinks(playlistLink);
        assertThat(segmentLinks).hasSize(3);
        Path whole = downloads.resolve("whole.ts");
        try (OutputStream out = Files.newOutputStream(whole)) {
            for (String link : segmentLinks) {
                byte[] segment = mvc.perform(get(link)).andExpect(status().isOk())
                        .andExpect(content().contentType("video/mp2t"))
                        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                        .andExpect(header().string("Content-Security-Policy", "sandbox; default-src 'none'"))
                        .andReturn().getResponse().getContentAsByteArray();
                Path file = Files.write(downloads.resolve("segment-" + segmentLinks.indexOf(link) + ".ts"), segment);
                assertThat(TestVideos.decodedFrames(file)).as("frames of " + link).isPositive();
                out.write(segment);
            }
        }
        // MPEG-TS segments joined are one stream: every frame of the 14 s at 25 fps decodes from them
        assertThat(TestVideos.decodedFrames(whole)).isEqualTo(14 * 25);
        assertThat(TestVideos.duration(whole)).isCloseTo(14.0, within(0.2));

        // the stored file stays reachable, as file_url
        mvc.perform(get(localPart(JsonPath.read(video, "$.file_url")))).andExpect(status().isOk())
                .andExpect(content().contentType("video/mp4"));
    }

    @Test
    void h264WithAacIsCopiedIntoSegmentsThatKeepTheSound() throws Exception {
        String key = api.newKey("copy");
        String index = api.as(key).createIndex("Copied");
        Path clip = TestVideos.h264WithSound("copied.mp4", 8);
        String videoId = api.as(key).readyVideo(index, clip, null);

        String video = api.as(key).awaitHls(index, videoId, "COMPLETE");
        Path whole = downloads.resolve("copied.ts");
        try (OutputStream out = Files.newOutputStream(whole)) {
            for (String link : segmentLinks(JsonPath.read(video, "$.hls.video_url"))) {
                out.write(mvc.perform(get(link)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
            }
        }
        assertThat(TestVideos.decodedFrames(whole)).isEqualTo(8 * 25);
        assertThat(TestVideos.duration(whole)).isCloseTo(8.0, within(0.2));
        assertThat(TestVideos.audioStreams(whole)).isEqualTo(1);
    }

    @Test
    void noLinkReachesWhatItWasNotSignedForAndLinksExpire() throws Exception {
        String key = api.newKey("attacker");
        String index = api.as(key).createIndex("Guarded");
        String videoId = api.as(key).readyVideo(index, fourteenSeconds, null);
        String playlistLink = localPart(JsonPath.read(api.as(key).awaitHls(index, videoId, "COMPLETE"), "$.hls.video_url"));
        String account = playlistLink.split("/")[2];
        List<String> segments = segmentLinks(playlistLink);
        mvc.perform(get(playlistLink)).andExpect(status().isOk());

        // a changed signature, on the playlist and on a segment
        mvc.perform(get(tampered(playlistLink))).andExpect(status().isNotFound());
        mvc.perform(get(tampered(segments.get(0)))).andExpect(status().isNotFound());
        // one segment's signature on another segment, or on the video file
        String query = segments.get(0).substring(segments.get(0).indexOf('?'));
        mvc.perform(get("/media/" + account + "/" + videoId + "/hls-00001.ts" + query)).andExpect(status().isNotFound());
        mvc.perform(get("/media/" + account + "/" + videoId + "/video" + query)).andExpect(status().isNotFound());
        // a validly signed segment the rendition does not have
        mvc.perform(get(signed(account, videoId, "hls-00003.ts"))).andExpect(status().isNotFound());
        mvc.perform(get(signed(account, videoId, "hls-99999.ts"))).andExpect(status().isNotFound());
        // another account's video under this account's id, validly signed: the rendition is looked up in the account
        String otherKey = api.newKey("victim");
        String otherIndex = api.as(otherKey).createIndex("Victim");
        String otherVideo = api.as(otherKey).readyVideo(otherIndex, fourteenSeconds, null);
        api.as(otherKey).awaitHls(otherIndex, otherVideo, "COMPLETE");
        mvc.perform(get(signed(account, otherVideo, "hls.m3u8"))).andExpect(status().isNotFound());
        mvc.perform(get(signed(account, otherVideo, "hls-00000.ts"))).andExpect(status().isNotFound());
        // paths that climb out of the media
        for (String path : List.of("/media/" + account + "/" + videoId + "/../" + otherVideo + "/hls.m3u8",
                "/media/" + account + "/" + videoId + "/hls-..%2F00000.ts",
                "/media/" + account + "/" + videoId + "/..%2F..%2F" + account + "/hls.m3u8",
                "/media/" + account + "/" + videoId + "/hls-00000.ts%2F..%2F..%2Fhls.m3u8")) {
            int answer = mvc.perform(get(path + query)).andReturn().getResponse().getStatus();
            assertThat(answer).as(path).isBetween(400, 499);
        }

        // links whose time is up, signed as the server signs (a frozen test clock would hold the job queue still)
        long past = Instant.now().minusSeconds(1).getEpochSecond();
        mvc.perform(get(signedUntil(account, videoId, "hls.m3u8", past))).andExpect(status().isNotFound());
        mvc.perform(get(signedUntil(account, videoId, "hls-00000.ts", past))).andExpect(status().isNotFound());
        mvc.perform(get(signedUntil(account, videoId, "hls-00000.ts", Instant.now().plusSeconds(60).getEpochSecond())))
                .andExpect(status().isOk());
    }

    @Test
    void aVideoWhoseCodecCannotBeDecodedIsIndexedButItsRenditionEndsInError() throws Exception {
        String key = api.newKey("evc");
        String index = api.as(key).createIndex("Undecodable");
        String videoId = api.as(key).readyVideo(index, TestVideos.undecodable(), null);

        String video = api.as(key).awaitHls(index, videoId, "ERROR");
        assertThat((Object) JsonPath.read(video, "$.hls.video_url")).isNull();
        assertThat((String) JsonPath.read(video, "$.file_url")).isNotBlank();
        assertThat(jdbc.sql("select error from hls_renditions where media_id = :id").param("id", videoId)
                .query(String.class).single()).contains("evc");
    }

    @Test
    void deletingTheVideoDeletesItsPlaylistAndSegments() throws Exception {
        String key = api.newKey("deleter");
        String index = api.as(key).createIndex("Deleted");
        String videoId = api.as(key).readyVideo(index, fourteenSeconds, null);
        String playlistLink = localPart(JsonPath.read(api.as(key).awaitHls(index, videoId, "COMPLETE"), "$.hls.video_url"));
        String account = playlistLink.split("/")[2];
        assertThat(storedNames(account, videoId)).contains(videoId + "-hls.m3u8", videoId + "-hls-00000.ts",
                videoId + "-hls-00001.ts", videoId + "-hls-00002.ts");
        List<String> segments = segmentLinks(playlistLink);

        api.as(key).delete("/v1.3/indexes/" + index + "/videos/" + videoId).andExpect(status().isOk());

        assertThat(storedNames(account, videoId)).isEmpty();
        assertThat(jdbc.sql("select count(*) from hls_renditions where media_id = :id").param("id", videoId)
                .query(Integer.class).single()).isZero();
        mvc.perform(get(playlistLink)).andExpect(status().isNotFound());
        mvc.perform(get(segments.get(0))).andExpect(status().isNotFound());
    }

    @Test
    void aRenditionLeftByACrashedNodeIsMadeAgain() throws Exception {
        String key = api.newKey("crash");
        String index = api.as(key).createIndex("Crashed");
        String videoId = api.as(key).readyVideo(index, fourteenSeconds, null);
        String account = localPart(JsonPath.read(api.as(key).awaitHls(index, videoId, "COMPLETE"), "$.hls.video_url"))
                .split("/")[2];
        jdbc.sql("update hls_renditions set status = 'processing', segments = null, attempts = 1 where media_id = :id")
                .param("id", videoId).update();
        Files.delete(properties.dataDir().resolve("objects").resolve(account).resolve(videoId + "-hls.m3u8"));
        api.as(key).get("/v1.3/indexes/" + index + "/videos/" + videoId).andExpect(jsonPath("$.hls.status").value("PROCESSING"))
                .andExpect(jsonPath("$.hls.video_url").doesNotExist());

        Jobs.pickedByADeadNode(jdbc, "hls-rendition", account + "/" + videoId);

        String video = api.as(key).awaitHls(index, videoId, "COMPLETE");
        assertThat(segmentLinks(JsonPath.read(video, "$.hls.video_url"))).hasSize(3);
    }

    /** Fetches the playlist and answers its segment lines as links, resolved against the playlist's own. */
    private List<String> segmentLinks(String playlistLink) throws Exception {
        String path = localPart(playlistLink);
        String playlist = mvc.perform(get(path)).andExpect(status().isOk())
                .andExpect(content().contentType("application/vnd.apple.mpegurl"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", "sandbox; default-src 'none'"))
                .andReturn().getResponse().getContentAsString();
        assertThat(playlist).startsWith("#EXTM3U").contains("#EXT-X-PLAYLIST-TYPE:VOD").contains("#EXT-X-ENDLIST");
        List<String> links = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).matches("hls-[0-9]{5}\\.ts\\?expires=[0-9]+&signature=[^&]+");
                links.add(localPart(URI.create("http://localhost" + path).resolve(line).toString()));
            }
        }
        return links;
    }

    private String signed(String account, String media, String what) {
        return signedUntil(account, media, what, Instant.now().plusSeconds(600).getEpochSecond());
    }

    private String signedUntil(String account, String media, String what, long expires) {
        return "/media/" + account + "/" + media + "/" + what + "?expires=" + expires + "&signature="
                + secret.sign("media-url", account + "/" + media + "/" + what + "/" + expires);
    }

    /** One character of the signature changed (to another one). */
    private static String tampered(String link) {
        return link.replaceAll("signature=A", "signature=B").equals(link)
                ? link.replaceAll("signature=.", "signature=A") : link.replaceAll("signature=A", "signature=B");
    }

    private List<String> storedNames(String account, String videoId) throws Exception {
        Path directory = properties.dataDir().resolve("objects").resolve(account);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(videoId)).toList();
        }
    }

    private static String localPart(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
