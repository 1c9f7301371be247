package io.atrium.video.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.AtriumProperties;
import io.atrium.testsupport.Chunks;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;
import io.atrium.testsupport.TestVideos;

/**
 * {@code /v1.3/assets/multipart-uploads} on local storage: chunks go to Atrium's signed chunk links, are checked
 * against their reported ETags, and put together into an asset that FFmpeg reads.
 */
@IntegrationTest
class MultipartUploadTest extends MovableTimeTest {

    static final Path grainy = TestVideos.large();

    @Autowired
    AtriumProperties properties;

    /** The created upload's answer. */
    record Upload(String id, String assetId, long chunkSize, int totalChunks, List<String> urls) {
    }

    @Test
    void aFileSentInChunksToItsLinksAndReportedBecomesAReadyAssetOfThatFile() throws Exception {
        String key = api.newKey("multipart");
        long size = Files.size(grainy);
        Upload upload = create(key, "grainy.mp4", "video", size);
        assertThat(upload.chunkSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(upload.totalChunks()).isEqualTo((int) ((size + upload.chunkSize() - 1) / upload.chunkSize()))
                .isGreaterThanOrEqualTo(2);
        assertThat(upload.urls()).hasSize(upload.totalChunks());
        api.as(key).get("/v1.3/assets/" + upload.assetId()).andExpect(jsonPath("$.status").value("processing"))
                .andExpect(jsonPath("$.method").value("multipart"));
        api.as(key).get("/v1.3/assets/multipart-uploads").andExpect(jsonPath("$.data", hasSize(1)))
                .andExpect(jsonPath("$.data[0].upload_id").value(upload.id()))
                .andExpect(jsonPath("$.data[0].status").value("active"))
                .andExpect(jsonPath("$.data[0].total_chunks").value(upload.totalChunks()));

        List<Chunks.Sent> sent = new java.util.ArrayList<>();
        for (int index = 1; index <= upload.totalChunks(); index++) {
            byte[] chunk = Chunks.chunk(grainy, upload.chunkSize(), index);
            MockHttpServletResponse answer = putChunk(upload.urls().get(index - 1), chunk);
            assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
            assertThat(answer.getHeader("ETag")).isEqualTo("\"" + Chunks.md5(chunk) + "\"");
            sent.add(new Chunks.Sent(index, Chunks.eTag(answer.getHeader("ETag")), chunk.length));
        }
        api.as(key).get("/v1.3/assets/multipart-uploads/" + upload.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.chunks_pending").value(upload.totalChunks()))
                .andExpect(jsonPath("$.uploaded_chunks", hasSize(upload.totalChunks())))
                .andExpect(jsonPath("$.uploaded_chunks[0].index").value(1))
                .andExpect(jsonPath("$.uploaded_chunks[0].status").value("pending"));

        api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id(), Chunks.report(sent.get(0)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").doesNotExist())
                .andExpect(jsonPath("$.asset_id").value(upload.assetId()))
                .andExpect(jsonPath("$.processed_chunks").value(1))
                .andExpect(jsonPath("$.duplicate_chunks").value(0))
                .andExpect(jsonPath("$.total_completed").value(1));
        api.as(key).get("/v1.3/assets/multipart-uploads/" + upload.id())
                .andExpect(jsonPath("$.chunks_completed").value(1))
                .andExpect(jsonPath("$.uploaded_size").value(upload.chunkSize()))
                .andExpect(jsonPath("$.total_size").value(size))
                .andExpect(jsonPath("$.uploaded_chunks[0].status").value("completed"))
                .andExpect(jsonPath("$.uploaded_chunks[0].uploaded_at").isString())
                .andExpect(jsonPath("$.uploaded_chunks[1].status").value("pending"));

        api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id(),
                Chunks.report(sent.subList(1, sent.size()).toArray(Chunks.Sent[]::new)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url", startsWith("http")))
                .andExpect(jsonPath("$.processed_chunks").value(upload.totalChunks() - 1))
                .andExpect(jsonPath("$.total_completed").value(upload.totalChunks()));

        awaitWhileTimePasses(() -> assertThat(api.as(key).assetStatus(upload.assetId())).isEqualTo("ready"));
        api.as(key).get("/v1.3/assets/" + upload.assetId())
                .andExpect(jsonPath("$.method").value("multipart"))
                .andExpect(jsonPath("$.filename").value("grainy.mp4"))
                .andExpect(jsonPath("$.file_type").value("video/mp4"))
                .andExpect(jsonPath("$.size").value(size))
                .andExpect(jsonPath("$.technical_metadata.file_size_bytes").value(size))
                .andExpect(jsonPath("$.technical_metadata.video_width").value(640))
                .andExpect(jsonPath("$.technical_metadata.video_height").value(360));
        api.as(key).get("/v1.3/assets/multipart-uploads/" + upload.id())
                .andExpect(jsonPath("$.status").value("completed"))
                .andExpect(jsonPath("$.chunks_completed").value(upload.totalChunks()))
                .andExpect(jsonPath("$.chunks_pending").value(0))
                .andExpect(jsonPath("$.uploaded_size").value(size));
        api.as(key).get("/v1.3/assets/multipart-uploads").andExpect(jsonPath("$.data", hasSize(0)))
                .andExpect(jsonPath("$.page_info.total_results").value(0));
        assertThat(partsOf(upload)).isEmpty();
    }

    @Test
    void chunksReportedAgainAreCountedAsDuplicates() throws Exception {
        String key = api.newKey("duplicates");
        Upload upload = create(key, "grainy.mp4", "video", Files.size(grainy));
        Chunks.Sent first = send(upload, 1);

        api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id(), Chunks.report(first))
                .andExpect(jsonPath("$.processed_chunks").value(1));
        api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id(), Chunks.report(first, first))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.processed_chunks").value(0))
                .andExpect(jsonPath("$.duplicate_chunks").value(2))
                .andExpect(jsonPath("$.total_completed").value(1));
    }

    @Test
    void aProofThatDoesNotMatchTheChunkReceivedIsRefusedAndTheChunkShownFailedUntilSentAgain() throws Exception {
        String key = api.newKey("wrong-proof");
        Upload upload = create(key, "grainy.mp4", "video", Files.size(grainy));
        Chunks.Sent first = send(upload, 1);

        api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id(),
                Chunks.report(new Chunks.Sent(1, "0123456789abcdef0123456789abcdef", first.size())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("chunk_proof_mismatch"));
        api.as(key).get("/v1.3/assets/multipart-uploads/" + upload.id())
                .andExpect(jsonPath("$.chunks_failed").value(1))
                .andExpect(jsonPath("$.chunks_completed").value(0))
                .andExpect(jsonPath("$.uploaded_chunks[0].status").value("failed"))
                .andExpect(jsonPath("$.uploaded_chunks[0].error", startsWith("The proof of chunk 1")));

        api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id(), Chunks.report(first))
                .andExpect(status().isOk()).andExpect(jsonPath("$.processed_chunks").value(1));
        api.as(key).get("/v1.3/assets/multipart-uploads/" + upload.id())
                .andExpect(jsonPath("$.chunks_failed").value(0))
                .andExpect(jsonPath("$.uploaded_chunks[0].status").value("completed"));
    }

    @Test
    void aChunkReportedButNeverSentIsRefused() throws Exception {
        String key = api.newKey("unsent");
        Upload upload = create(key, "grainy.mp4", "video", Files.size(grainy));
        byte[] chunk = Chunks.chunk(grainy, upload.chunkSize(), 1);

        api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id(),
                Chunks.report(new Chunks.Sent(1, Chunks.md5(chunk), chunk.length)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("chunk_not_uploaded"));
    }

    @Test
    void aChunkLinkWithABadSignatureOrPastItsExpiryIsRefusedAndStoresNothing() throws Exception {
        String key = api.newKey("bad-links");
        Upload upload = create(key, "grainy.mp4", "video", Files.size(grainy));
        byte[] chunk = Chunks.chunk(grainy, upload.chunkSize(), 1);
        String url = upload.urls().get(0);

        assertThat(putChunk(url.replaceAll("signature=[^&]+", "signature=forged"), chunk).getStatus()).isEqualTo(403);
        assertThat(putChunk(url.replaceAll("/1\\?", "/2?"), chunk).getStatus()).isEqualTo(403);
        assertThat(putChunk(url.replaceAll("expires=\\d+", "expires=99999999999"), chunk).getStatus()).isEqualTo(403);
        clock.advance(Duration.ofHours(2));
        assertThat(putChunk(url, chunk).getStatus()).isEqualTo(403);
        assertThat(partsOf(upload)).isEmpty();

        String fresh = JsonPath.read(api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id() + "/presigned-urls",
                "{\"start\":1,\"count\":1}").andExpect(status().isOk())
                .andExpect(jsonPath("$.upload_id").value(upload.id()))
                .andExpect(jsonPath("$.start_index").value(1))
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.upload_urls[0].chunk_index").value(1))
                .andReturn().getResponse().getContentAsString(), "$.upload_urls[0].url");
        assertThat(putChunk(fresh, chunk).getStatus()).isEqualTo(200);
    }

    @Test
    void aChunkOfAnotherSizeThanItsOwnIsRefusedAndStoresNothing() throws Exception {
        String key = api.newKey("sizes");
        Upload upload = create(key, "grainy.mp4", "video", Files.size(grainy));
        byte[] last = Chunks.chunk(grainy, upload.chunkSize(), upload.totalChunks());
        String lastUrl = upload.urls().get(upload.totalChunks() - 1);

        MockHttpServletResponse tooLarge = putChunk(lastUrl, java.util.Arrays.copyOf(last, last.length + 1));
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(JsonPath.<String>read(tooLarge.getContentAsString(), "$.code")).isEqualTo("chunk_too_large");
        MockHttpServletResponse tooSmall = putChunk(lastUrl, java.util.Arrays.copyOf(last, last.length - 1));
        assertThat(tooSmall.getStatus()).isEqualTo(400);
        assertThat(JsonPath.<String>read(tooSmall.getContentAsString(), "$.code")).isEqualTo("chunk_size_invalid");
        assertThat(partsOf(upload)).isEmpty();
    }

    @Test
    void anotherAccountsUploadIsMissingOnEveryEndpoint() throws Exception {
        String owner = api.newKey("owner");
        String stranger = api.newKey("stranger");
        Upload upload = create(owner, "grainy.mp4", "video", Files.size(grainy));
        Chunks.Sent first = send(upload, 1);

        api.as(stranger).get("/v1.3/assets/multipart-uploads/" + upload.id()).andExpect(status().isNotFound());
        api.as(stranger).post("/v1.3/assets/multipart-uploads/" + upload.id(), Chunks.report(first))
                .andExpect(status().isNotFound());
        api.as(stranger).post("/v1.3/assets/multipart-uploads/" + upload.id() + "/presigned-urls",
                "{\"start\":1,\"count\":1}").andExpect(status().isNotFound());
        api.as(stranger).get("/v1.3/assets/multipart-uploads").andExpect(jsonPath("$.data", hasSize(0)));
        api.as(owner).get("/v1.3/assets/multipart-uploads/" + upload.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$.chunks_completed").value(0));
    }

    @Test
    void aCreationIsCheckedBeforeAnythingIsMade() throws Exception {
        String key = api.newKey("refusals");
        api.as(key).post("/v1.3/assets/multipart-uploads", "{\"type\":\"video\",\"total_size\":10}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_not_provided"));
        api.as(key).post("/v1.3/assets/multipart-uploads", Chunks.create("a.mp4", "movie", 10))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).post("/v1.3/assets/multipart-uploads", Chunks.create("a.mp4", "video", 0))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).post("/v1.3/assets/multipart-uploads", Chunks.create("a.mp4", "video", 1L << 50))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).post("/v1.3/assets/multipart-uploads", "{\"filename\":\"a.mp4\",\"type\":\"video\",\"total_size\":10,"
                + "\"chunky\":true}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_unknown"));
        api.as(key).get("/v1.3/assets").andExpect(jsonPath("$.data", hasSize(0)));
        api.as(key).get("/v1.3/assets/multipart-uploads").andExpect(jsonPath("$.data", hasSize(0)));
    }

    @Test
    void anUploadPastItsExpiryIsExpiredItsChunksDeletedAndItsAssetFailed() throws Exception {
        String key = api.newKey("expiring");
        Upload upload = create(key, "grainy.mp4", "video", Files.size(grainy));
        Chunks.Sent first = send(upload, 1);
        assertThat(partsOf(upload)).hasSize(1);

        clock.advance(Duration.ofHours(25));

        api.as(key).get("/v1.3/assets/multipart-uploads").andExpect(jsonPath("$.data", hasSize(0)));
        awaitWhileTimePasses(() -> assertThat(api.as(key).assetStatus(upload.assetId())).isEqualTo("failed"));
        api.as(key).get("/v1.3/assets/" + upload.assetId())
                .andExpect(jsonPath("$.error.message", startsWith("The multipart upload expired")));
        api.as(key).get("/v1.3/assets/multipart-uploads/" + upload.id()).andExpect(jsonPath("$.status").value("expired"));
        assertThat(partsOf(upload)).isEmpty();
        api.as(key).post("/v1.3/assets/multipart-uploads/" + upload.id(), Chunks.report(first))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("upload_expired"));
    }

    private Upload create(String key, String filename, String type, long size) throws Exception {
        String created = api.as(key).post("/v1.3/assets/multipart-uploads", Chunks.create(filename, type, size))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.upload_headers").isMap())
                .andExpect(jsonPath("$.expires_at").isString())
                .andExpect(jsonPath("$.upload_urls[0].chunk_index").value(1))
                .andExpect(jsonPath("$.upload_urls[0].expires_at").isString())
                .andReturn().getResponse().getContentAsString();
        return new Upload(JsonPath.read(created, "$.upload_id"), JsonPath.read(created, "$.asset_id"),
                ((Number) JsonPath.read(created, "$.chunk_size")).longValue(), JsonPath.read(created, "$.total_chunks"),
                JsonPath.read(created, "$.upload_urls[*].url"));
    }

    /** Sends the chunk to its link; what the SDK then reports. */
    private Chunks.Sent send(Upload upload, int index) throws Exception {
        byte[] chunk = Chunks.chunk(grainy, upload.chunkSize(), index);
        MockHttpServletResponse answer = putChunk(upload.urls().get(index - 1), chunk);
        assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
        return new Chunks.Sent(index, Chunks.eTag(answer.getHeader("ETag")), chunk.length);
    }

    /** A bare PUT of the bytes to the link, as the SDKs send chunks: no key. */
    private MockHttpServletResponse putChunk(String url, byte[] bytes) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.put(URI.create(url)).contentType(MediaType.APPLICATION_OCTET_STREAM)
                .content(bytes)).andReturn().getResponse();
    }

    /** The chunk files stored for the upload's asset (local storage keeps them next to the asset's file). */
    private List<Path> partsOf(Upload upload) throws Exception {
        String account = URI.create(upload.urls().get(0)).getPath().split("/")[2];
        Path directory = properties.dataDir().resolve("objects").resolve(account);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(upload.assetId() + "-part.")).toList();
        }
    }
}
