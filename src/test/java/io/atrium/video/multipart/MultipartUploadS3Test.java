package io.atrium.video.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.Chunks;
import io.atrium.testsupport.HttpApiClient;
import io.atrium.testsupport.S3Server;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.TestVideos;

/**
 * Multipart uploads on S3 storage, over real HTTP: the chunk links are S3 presigned part uploads, so the bytes go
 * straight to the bucket; the reported ETags are checked with ListParts and the file is put together by
 * CompleteMultipartUpload, then read by FFmpeg like any asset.
 */
@ServerTest
class MultipartUploadS3Test {

    private static final S3Server S3 = S3Server.shared();
    private static final String BUCKET = S3.newBucket("multipart");
    private static final String PREFIX = "atrium/";

    static final Path grainy = TestVideos.large();

    @LocalServerPort
    int port;

    HttpApiClient.Caller uploader;

    @DynamicPropertySource
    static void storeInTheBucket(DynamicPropertyRegistry registry) {
        S3.storeIn(registry, BUCKET, PREFIX);
        // below S3's 5 MiB: the upload must raise it, or S3 would refuse to put the parts together
        registry.add("atrium.assets.multipart.chunk-size", () -> "1MB");
        // one link at first, so the rest are asked for
        registry.add("atrium.assets.multipart.initial-urls", () -> "1");
    }

    @BeforeEach
    void apiKey() throws Exception {
        HttpApiClient api = HttpApiClient.on(port);
        uploader = api.as(api.newKey("s3-multipart"));
    }

    @Test
    void chunksSentStraightToTheBucketAreCheckedPutTogetherAndReadAsAReadyAsset() throws Exception {
        long size = Files.size(grainy);
        HttpResponse<String> created = uploader.post("/v1.3/assets/multipart-uploads", "application/json",
                Chunks.create("grainy.mp4", "video", size).getBytes(), true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String uploadId = JsonPath.read(created.body(), "$.upload_id");
        String assetId = JsonPath.read(created.body(), "$.asset_id");
        long chunkSize = ((Number) JsonPath.read(created.body(), "$.chunk_size")).longValue();
        int totalChunks = JsonPath.read(created.body(), "$.total_chunks");
        assertThat(chunkSize).isEqualTo(5L * 1024 * 1024);
        assertThat(totalChunks).isEqualTo((int) ((size + chunkSize - 1) / chunkSize)).isGreaterThanOrEqualTo(2);
        List<String> urls = new ArrayList<>(JsonPath.<List<String>>read(created.body(), "$.upload_urls[*].url"));
        assertThat(urls).hasSize(1);
        HttpResponse<String> more = uploader.post("/v1.3/assets/multipart-uploads/" + uploadId + "/presigned-urls",
                "application/json", ("{\"start\":2,\"count\":" + (totalChunks - 1) + "}").getBytes(), true);
        assertThat(more.statusCode()).as(more.body()).isEqualTo(200);
        urls.addAll(JsonPath.read(more.body(), "$.upload_urls[*].url"));
        assertThat(URI.create(urls.get(0)).getPort()).isEqualTo(S3.endpoint().getPort());

        List<Chunks.Sent> sent = new ArrayList<>();
        for (int index = 1; index <= totalChunks; index++) {
            byte[] chunk = Chunks.chunk(grainy, chunkSize, index);
            HttpResponse<String> put = Chunks.put(urls.get(index - 1), chunk);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            String eTag = Chunks.eTag(put.headers().firstValue("ETag").orElseThrow());
            assertThat(eTag).isEqualTo(Chunks.md5(chunk));
            sent.add(new Chunks.Sent(index, eTag, chunk.length));
        }
        assertThat(S3.objects(BUCKET)).isEmpty();

        HttpResponse<String> wrong = report(uploadId, new Chunks.Sent(1, "0123456789abcdef0123456789abcdef",
                sent.get(0).size()));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<String>read(wrong.body(), "$.code")).isEqualTo("chunk_proof_mismatch");

        HttpResponse<String> reported = report(uploadId, sent.toArray(Chunks.Sent[]::new));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(reported.body(), "$.total_completed")).isEqualTo(totalChunks);
        assertThat(JsonPath.<String>read(reported.body(), "$.url")).startsWith("http");

        uploader.awaitAssetStatus(assetId, "ready");
        String asset = uploader.get("/v1.3/assets/" + assetId).body();
        assertThat(((Number) JsonPath.read(asset, "$.size")).longValue()).isEqualTo(size);
        assertThat(JsonPath.<Integer>read(asset, "$.technical_metadata.video_width")).isEqualTo(640);
        assertThat(S3.objects(BUCKET)).singleElement().asString().startsWith(PREFIX).endsWith("/" + assetId + ".mp4");
        assertThat(S3.unfinishedUploads(BUCKET)).isEmpty();
        HttpResponse<byte[]> file = HttpApiClient.on(port).send(HttpApiClient.on(port)
                .request(localPart(JsonPath.read(reported.body(), "$.url"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.body()).isEqualTo(Files.readAllBytes(grainy));
    }

    private HttpResponse<String> report(String uploadId, Chunks.Sent... chunks) throws Exception {
        return uploader.post("/v1.3/assets/multipart-uploads/" + uploadId, "application/json",
                Chunks.report(chunks).getBytes(), true);
    }

    private static String localPart(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
