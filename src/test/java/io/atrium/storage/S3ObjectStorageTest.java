package io.atrium.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.testsupport.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The storage contract on an S3-compatible server over HTTP, with the real AWS SDK, in a bucket of each test's
 * own and under a prefix, as a bucket shared with others would be used.
 */
class S3ObjectStorageTest extends ObjectStorageContract {

    private static final String PREFIX = "atrium-objects/";

    final S3Server server = S3Server.shared();
    String bucket;
    S3ObjectStorage storage;

    @BeforeEach
    void connect() {
        bucket = server.newBucket("contract");
        storage = S3ObjectStorage.connect(properties(bucket, S3Server.ACCESS_KEY, S3Server.SECRET_KEY));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Override
    ObjectStorage storage() {
        return storage;
    }

    /** Every object in the bucket, as a key when under the prefix, and every unfinished multipart upload. */
    @Override
    List<String> everythingStored() {
        List<String> everything = new ArrayList<>();
        for (String name : server.objects(bucket)) {
            everything.add(name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name);
        }
        server.unfinishedUploads(bucket).forEach(name -> everything.add("unfinished upload of " + name));
        return everything;
    }

    @Test
    void objectsAreNamedUnderThePrefixAndObjectsOutsideItAreLeftAlone() {
        String foreign = account + "/" + video + ".mp4";
        server.client().putObject(b -> b.bucket(bucket).key(foreign), RequestBody.fromString("not Atrium's"));
        storage.store(videoKey(account, video), new ByteArrayInputStream(new byte[] {1, 2, 3}));

        assertThat(server.objects(bucket)).containsExactlyInAnyOrder(PREFIX + videoKey(account, video), foreign);

        storage.deleteAccount(account);

        assertThat(server.objects(bucket)).containsExactly(foreign);
    }

    @Test
    void theLocalCopyIsDeletedAfterUseEvenWhenItsUseFails() throws Exception {
        storage.store(videoKey(account, video), new ByteArrayInputStream(new byte[] {1, 2, 3}));
        AtomicReference<Path> copy = new AtomicReference<>();

        Path used = storage.withLocalCopy(videoKey(account, video), file -> file);
        assertThatThrownBy(() -> storage.withLocalCopy(videoKey(account, video), file -> {
            copy.set(file);
            throw new IllegalStateException("ffprobe crashed");
        })).hasMessage("ffprobe crashed");

        assertThat(used).doesNotExist();
        assertThat(copy.get()).isNotNull().doesNotExist();
        assertThat(used.getFileName().toString()).endsWith(".mp4");
        assertThat(Files.exists(used)).isFalse();
    }

    @Test
    void aMissingBucketStopsStartupWithAMessageNamingItAndNotTheSecret() {
        assertThatThrownBy(() -> S3ObjectStorage.connect(properties("no-such-bucket", S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'no-such-bucket'")
                .hasMessageContaining(server.endpoint().toString())
                .message().doesNotContain(S3Server.SECRET_KEY);
    }

    @Test
    void wrongCredentialsStopStartup() {
        assertThatThrownBy(() -> S3ObjectStorage.connect(properties(bucket, S3Server.ACCESS_KEY, "not-the-secret")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + bucket + "'")
                .message().doesNotContain("not-the-secret");
    }

    @Test
    void aKeyIdWithoutASecretIsRefused() {
        assertThatThrownBy(() -> S3ObjectStorage.connect(properties(bucket, S3Server.ACCESS_KEY, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("atrium.storage.s3.secret-access-key");
    }

    @Test
    void theSettingsNeverShowTheSecret() {
        assertThat(properties(bucket, S3Server.ACCESS_KEY, S3Server.SECRET_KEY).toString())
                .contains(bucket).doesNotContain(S3Server.SECRET_KEY);
    }

    private S3StorageProperties properties(String bucket, String accessKeyId, String secretAccessKey) {
        return new S3StorageProperties(server.endpoint(), S3Server.REGION, bucket, accessKeyId, secretAccessKey,
                "/" + PREFIX);
    }
}
