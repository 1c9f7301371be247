package io.atrium.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.atrium.shared.Ids;

/**
 * What every {@link ObjectStorage} promises, run against each implementation by its subclass. Each test starts
 * from an empty store.
 */
abstract class ObjectStorageContract {

    /** A fresh, empty store for the current test. */
    abstract ObjectStorage storage();

    /** Everything the store holds for the current test, half-finished writes included. */
    abstract List<String> everythingStored() throws IOException;

    final String account = Ids.newId(Instant.now());
    final String video = Ids.newId(Instant.now());

    @Test
    void everyVideoWithObjectsIsListedOnceWithItsNewestWrite() {
        Instant before = Instant.now().minusSeconds(5);
        String other = Ids.newId(Instant.now());
        String otherAccount = Ids.newId(Instant.now());
        storage().store(videoKey(account, video), new ByteArrayInputStream(randomBytes(10)));
        storage().store(account + "/" + video + "-thumbnail.jpg", new ByteArrayInputStream(randomBytes(10)));
        storage().store(account + "/" + video + "-hls.m3u8", new ByteArrayInputStream(randomBytes(10)));
        storage().store(account + "/" + video + "-hls-00003.ts", new ByteArrayInputStream(randomBytes(10)));
        storage().store(videoKey(account, other), new ByteArrayInputStream(randomBytes(10)));
        storage().store(videoKey(otherAccount, video), new ByteArrayInputStream(randomBytes(10)));

        List<ObjectStorage.StoredVideo> listed = new ArrayList<>();
        storage().forEachVideo(listed::add);

        assertThat(listed).extracting(v -> v.accountId() + "/" + v.videoId()).containsExactlyInAnyOrder(
                account + "/" + video, account + "/" + other, otherAccount + "/" + video);
        assertThat(listed).allSatisfy(v -> assertThat(v.lastWritten()).isAfter(before)
                .isBefore(Instant.now().plusSeconds(5)));
    }

    @Test
    void aStoredObjectIsReadWholeAndByRange() throws IOException {
        byte[] content = randomBytes(100_000);

        long size = storage().store(videoKey(account, video), new ByteArrayInputStream(content));

        assertThat(size).isEqualTo(content.length);
        assertThat(storage().exists(videoKey(account, video))).isTrue();
        assertThat(storage().size(videoKey(account, video))).hasValue(content.length);
        assertThat(read(videoKey(account, video), 0, content.length)).isEqualTo(content);
        assertThat(read(videoKey(account, video), 1000, 500)).isEqualTo(Arrays.copyOfRange(content, 1000, 1500));
        assertThat(read(videoKey(account, video), content.length - 1, 1)).containsExactly(content[content.length - 1]);
    }

    @Test
    void aLargeUploadOfUnknownLengthIsStoredWhole() throws Exception {
        long length = 2L * S3ObjectStorage.PART_SIZE + 12_345;

        long size = storage().store(videoKey(account, video), new PatternStream(length, -1));

        assertThat(size).isEqualTo(length);
        assertThat(storage().size(videoKey(account, video))).hasValue(length);
        try (InputStream stored = storage().open(videoKey(account, video), 0, length)) {
            assertThat(digest(stored)).isEqualTo(digest(new PatternStream(length, -1)));
        }
        long middle = S3ObjectStorage.PART_SIZE - 10;
        byte[] expected = new PatternStream(length, -1).readNBytes((int) middle + 20);
        assertThat(read(videoKey(account, video), middle, 20)).isEqualTo(Arrays.copyOfRange(expected, (int) middle, (int) middle + 20));
        assertThat(everythingStored()).containsExactly(videoKey(account, video));
    }

    @Test
    void anUploadWhoseStreamFailsMidwayLeavesNothingBehind() throws IOException {
        long failAfter = S3ObjectStorage.PART_SIZE + 1_000_000L;

        assertThatThrownBy(() -> storage().store(videoKey(account, video), new PatternStream(3L * S3ObjectStorage.PART_SIZE, failAfter)))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(storage().exists(videoKey(account, video))).isFalse();
        assertThat(everythingStored()).isEmpty();
    }

    @Test
    void anUploadWhoseStreamFailsAtOnceLeavesNothingBehind() throws IOException {
        assertThatThrownBy(() -> storage().store(videoKey(account, video), new PatternStream(10_000, 1_000)))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(storage().exists(videoKey(account, video))).isFalse();
        assertThat(everythingStored()).isEmpty();
    }

    @Test
    void storingAgainReplacesTheObject() throws IOException {
        storage().store(videoKey(account, video), new ByteArrayInputStream(randomBytes(5_000)));
        byte[] second = randomBytes(3_000);

        storage().store(videoKey(account, video), new ByteArrayInputStream(second));

        assertThat(read(videoKey(account, video), 0, second.length)).isEqualTo(second);
        assertThat(storage().size(videoKey(account, video))).hasValue(second.length);
    }

    @Test
    void aLocalCopyIsAFileWithTheObjectsBytes() throws Exception {
        byte[] content = randomBytes(50_000);
        storage().store(videoKey(account, video), new ByteArrayInputStream(content));

        byte[] copied = storage().withLocalCopy(videoKey(account, video), Files::readAllBytes);

        assertThat(copied).isEqualTo(content);
        assertThat(storage().exists(videoKey(account, video))).isTrue();
    }

    @Test
    void deletingAVideoDeletesItsFileThumbnailAndHlsAndNothingElse() throws IOException {
        String otherVideo = Ids.newId(Instant.now());
        String otherAccount = Ids.newId(Instant.now());
        for (String key : List.of(videoKey(account, video), thumbnailKey(account, video), account + "/" + video
                + "-hls.m3u8", account + "/" + video + "-hls-00000.ts", account + "/" + video + "-hls-00001.ts",
                videoKey(account, otherVideo), videoKey(otherAccount, video), otherAccount + "/" + video + "-hls.m3u8")) {
            storage().store(key, new ByteArrayInputStream(randomBytes(1_000)));
        }

        storage().deleteVideo(account, video);

        assertThat(storage().exists(videoKey(account, video))).isFalse();
        assertThat(storage().exists(thumbnailKey(account, video))).isFalse();
        assertThat(everythingStored()).containsExactlyInAnyOrder(videoKey(account, otherVideo), videoKey(otherAccount, video),
                otherAccount + "/" + video + "-hls.m3u8");
    }

    @Test
    void deletingAnAccountDeletesAllItsObjectsAndNoOneElses() throws IOException {
        String otherVideo = Ids.newId(Instant.now());
        String otherAccount = Ids.newId(Instant.now());
        for (String key : List.of(videoKey(account, video), thumbnailKey(account, video), videoKey(account, otherVideo),
                videoKey(otherAccount, otherVideo))) {
            storage().store(key, new ByteArrayInputStream(randomBytes(1_000)));
        }

        storage().deleteAccount(account);

        assertThat(everythingStored()).containsExactly(videoKey(otherAccount, otherVideo));
    }

    @Test
    void aMissingObjectIsAbsentAndDeletingItIsHarmless() throws IOException {
        assertThat(storage().exists(videoKey(account, video))).isFalse();
        assertThat(storage().size(videoKey(account, video))).isEmpty();

        storage().delete(videoKey(account, video));
        storage().deleteVideo(account, video);
        storage().deleteAccount(account);

        assertThat(everythingStored()).isEmpty();
    }

    @Test
    void keysOutsideTheAccountLayoutAreRefused() {
        for (String key : List.of("../" + account + "/" + video + ".mp4", account + "/../" + video + ".mp4",
                account + "/" + video, "x/" + video + ".mp4", account + "/" + video + ".mp4/..",
                account + "/" + video + "-hls-../x.ts", account + "/" + video + "-hls-0001.ts",
                account + "/" + video + "-hls-000001.ts", account + "/" + video + "-hls/../../" + video + ".m3u8")) {
            assertThatThrownBy(() -> storage().store(key, new ByteArrayInputStream(new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage().exists(key)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> storage().deleteAccount("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage().deleteVideo(account, "")).isInstanceOf(IllegalArgumentException.class);
    }

    static String videoKey(String account, String video) {
        return account + "/" + video + ".mp4";
    }

    static String thumbnailKey(String account, String video) {
        return account + "/" + video + "-thumbnail.jpg";
    }

    private byte[] read(String key, long offset, long length) throws IOException {
        try (InputStream in = storage().open(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
        }
        return sha.digest();
    }

    /**
     * Bytes made up as they are read, never all in memory; with {@code failAfter >= 0}, the stream breaks
     * there, as a client that goes away mid-upload.
     */
    static final class PatternStream extends InputStream {

        private final long length;
        private final long failAfter;
        private long position;

        PatternStream(long length, long failAfter) {
            this.length = length;
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            if (failAfter >= 0 && position >= failAfter) {
                throw new IOException("The client went away");
            }
            if (position >= length) {
                return -1;
            }
            long i = position++;
            return (int) ((i * 2654435761L) >>> 13) & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            int n = 0;
            while (n < count) {
                if (position >= length) {
                    return n == 0 ? -1 : n;
                }
                if (failAfter >= 0 && position >= failAfter) {
                    if (n > 0) {
                        return n;
                    }
                    throw new IOException("The client went away");
                }
                buffer[offset + n++] = (byte) read();
            }
            return n;
        }
    }
}
