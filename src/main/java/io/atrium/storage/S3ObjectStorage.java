package io.atrium.storage;

import static io.atrium.storage.StorageKeys.accountPrefix;
import static io.atrium.storage.StorageKeys.requireKey;
import static io.atrium.storage.StorageKeys.videoPrefix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in an S3 bucket (AWS S3 or an S3-compatible store), named {@code <prefix><key>}. Uploads of unknown
 * length go up in parts of {@link #PART_SIZE} bytes, one part in memory at a time; an upload that fails is
 * aborted, so the store keeps neither the object nor its parts. Several nodes pointed at one bucket share their
 * stored files without a shared disk.
 */
final class S3ObjectStorage implements ObjectStorage, AutoCloseable {

    /** S3 parts are at least 5 MiB (but the last); 8 MiB keeps a 2 GB upload far below the 10,000-part limit. */
    static final int PART_SIZE = 8 * 1024 * 1024;

    /** S3 refuses to complete an upload whose parts but the last are smaller. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;

    private S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket, String prefix) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * Connects to the bucket and checks that it can be reached, so that a wrong endpoint, bucket or credentials
     * stop the application at startup rather than failing every upload.
     *
     * @throws IllegalStateException when the bucket cannot be reached
     */
    static S3ObjectStorage connect(S3StorageProperties properties) {
        if ((properties.accessKeyId() == null) != (properties.secretAccessKey() == null)) {
            throw new IllegalStateException("Set both atrium.storage.s3.access-key-id and "
                    + "atrium.storage.s3.secret-access-key, or neither to use the AWS SDK's default credentials.");
        }
        AwsCredentialsProvider credentials = properties.accessKeyId() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()));
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials);
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint()).forcePathStyle(true);
        }
        S3Client s3 = builder.build();
        try {
            s3.headBucket(b -> b.bucket(properties.bucket()));
        } catch (SdkException e) {
            s3.close();
            throw new IllegalStateException("The S3 bucket '" + properties.bucket() + "' cannot be reached at "
                    + (properties.endpoint() == null ? "AWS region " + properties.region() : properties.endpoint())
                    + " (check atrium.storage.s3.*): " + reason(e), e);
        }
        // Signs part uploads for clients that send their bytes straight to the bucket, with the same credentials.
        S3Presigner.Builder presigner = S3Presigner.builder().region(Region.of(properties.region()))
                .credentialsProvider(credentials);
        if (properties.endpoint() != null) {
            presigner.endpointOverride(properties.endpoint())
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return new S3ObjectStorage(s3, presigner.build(), properties.bucket(), properties.prefix());
    }

    private static String reason(SdkException e) {
        int status = e instanceof S3Exception s3 ? s3.statusCode() : 0;
        return switch (status) {
            case 404 -> "there is no such bucket. ";
            case 403 -> "access is denied: check the credentials and the bucket's policy. ";
            case 301 -> "the bucket is in another region than atrium.storage.s3.region. ";
            default -> "";
        } + e.getMessage();
    }

    @Override
    public long store(String key, InputStream content) {
        String name = name(key);
        byte[] part = new byte[PART_SIZE];
        int filled = fill(part, content, key);
        if (filled < PART_SIZE) {
            int length = filled;
            s3.putObject(b -> b.bucket(bucket).key(name).contentLength((long) length), body(part, length));
            return length;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(name)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            while (filled > 0) {
                int number = parts.size() + 1;
                int length = filled;
                String eTag = s3.uploadPart(b -> b.bucket(bucket).key(name).uploadId(uploadId).partNumber(number)
                        .contentLength((long) length), body(part, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
                size += length;
                filled = fill(part, content, key);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return size;
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId));
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    /** Reads up to a whole part; fewer bytes only at the end of the stream. */
    private static int fill(byte[] part, InputStream content, String key) {
        try {
            return content.readNBytes(part, 0, part.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + key, e);
        }
    }

    /** A body the SDK can read again when it retries a request. */
    private static RequestBody body(byte[] part, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length,
                "application/octet-stream");
    }

    @Override
    public boolean exists(String key) {
        return size(key).isPresent();
    }

    @Override
    public OptionalLong size(String key) {
        String name = name(key);
        try {
            return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(name)).contentLength());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** A ranged GET: only the requested bytes leave the store. */
    @Override
    public InputStream open(String key, long offset, long length) {
        String name = name(key);
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        return s3.getObject(b -> b.bucket(bucket).key(name).range("bytes=" + offset + "-" + (offset + length - 1)));
    }

    @Override
    public <T> T withLocalCopy(String key, LocalFileFunction<T> function) throws IOException, InterruptedException {
        String name = name(key);
        Path copy = Files.createTempFile("atrium-object", key.substring(key.lastIndexOf('.')));
        try {
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(name))) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return function.apply(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Override
    public void delete(String key) {
        String name = name(key);
        s3.deleteObject(b -> b.bucket(bucket).key(name));
    }

    @Override
    public void deleteVideo(String accountId, String videoId) {
        deleteAllStartingWith(videoPrefix(accountId, videoId));
    }

    @Override
    public void deleteAccount(String accountId) {
        deleteAllStartingWith(accountPrefix(accountId));
    }

    /**
     * Lists the bucket under the prefix page by page. Keys come in order, so one video's objects are next to each
     * other and one account's videos too: only one account's videos are held at a time.
     */
    @Override
    public void forEachVideo(Consumer<StoredVideo> action) {
        String account = null;
        Map<String, Instant> lastWritten = new TreeMap<>();
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            for (S3Object object : page.contents()) {
                String key = object.key().substring(prefix.length());
                int slash = key.indexOf('/');
                if (slash < 0 || !StorageKeys.isId(key.substring(0, slash))) {
                    continue;
                }
                String videoId = StorageKeys.videoIdOf(key.substring(slash + 1));
                if (videoId == null) {
                    continue;
                }
                String accountId = key.substring(0, slash);
                if (!accountId.equals(account)) {
                    report(account, lastWritten, action);
                    account = accountId;
                }
                lastWritten.merge(videoId, object.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        report(account, lastWritten, action);
    }

    private static void report(String accountId, Map<String, Instant> lastWritten, Consumer<StoredVideo> action) {
        lastWritten.forEach((videoId, written) -> action.accept(new StoredVideo(accountId, videoId, written)));
        lastWritten.clear();
    }

    /** Lists and deletes page by page: a page holds at most 1,000 keys, as many as one batch delete takes. */
    private void deleteAllStartingWith(String keyPrefix) {
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix))) {
            List<ObjectIdentifier> objects = page.contents().stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            if (objects.isEmpty()) {
                continue;
            }
            DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket)
                    .delete(d -> d.objects(objects).quiet(true)));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new IllegalStateException("Could not delete " + response.errors().size() + " objects under "
                        + keyPrefix + ", first " + response.errors().get(0).key() + ": "
                        + response.errors().get(0).message());
            }
        }
    }

    @Override
    public long minPartSize() {
        return MIN_PART_SIZE;
    }

    /** Clients send parts straight to the bucket: the bytes never pass through this server. */
    @Override
    public boolean presignsParts() {
        return true;
    }

    @Override
    public String startParts(String key) {
        String name = name(key);
        return s3.createMultipartUpload(b -> b.bucket(bucket).key(name)).uploadId();
    }

    /** Signed here with the server's credentials, without a call to the bucket. */
    @Override
    public URI presignPart(String key, String uploadId, int number, Duration validity) {
        String name = name(key);
        try {
            return presigner.presignUploadPart(b -> b.signatureDuration(validity)
                    .uploadPartRequest(part -> part.bucket(bucket).key(name).uploadId(uploadId).partNumber(number)))
                    .url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK signed a URL that does not parse", e);
        }
    }

    /** Not used for S3, whose clients send parts to the bucket themselves; it works all the same. */
    @Override
    public Part storePart(String key, String uploadId, int number, InputStream content) {
        String name = name(key);
        Path copy = null;
        try {
            // The SDK needs the length before the first byte: the part is spooled to a temporary file.
            copy = Files.createTempFile("atrium-part", ".bin");
            long size = Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
            Path file = copy;
            String eTag = s3.uploadPart(b -> b.bucket(bucket).key(name).uploadId(uploadId).partNumber(number)
                    .contentLength(size), RequestBody.fromFile(file)).eTag();
            return new Part(number, size, unquoted(eTag));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store part " + number + " of " + key, e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file the system cleans up in time
                }
            }
        }
    }

    /** ListParts, page by page (up to 1,000 parts a page). */
    @Override
    public Map<Integer, Part> parts(String key, String uploadId, Collection<Integer> numbers) {
        String name = name(key);
        Set<Integer> wanted = new HashSet<>(numbers);
        Map<Integer, Part> parts = new LinkedHashMap<>();
        for (ListPartsResponse page : s3.listPartsPaginator(b -> b.bucket(bucket).key(name).uploadId(uploadId))) {
            for (software.amazon.awssdk.services.s3.model.Part part : page.parts()) {
                if (wanted.contains(part.partNumber())) {
                    parts.put(part.partNumber(), new Part(part.partNumber(), part.size(), unquoted(part.eTag())));
                }
            }
        }
        return parts;
    }

    @Override
    public long completeParts(String key, String uploadId, List<Part> parts) {
        String name = name(key);
        List<CompletedPart> completed = parts.stream()
                .map(part -> CompletedPart.builder().partNumber(part.number()).eTag("\"" + part.eTag() + "\"").build())
                .toList();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed)));
        return parts.stream().mapToLong(Part::size).sum();
    }

    @Override
    public void abortParts(String key, String uploadId) {
        String name = name(key);
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }

    private static String unquoted(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }

    private String name(String key) {
        return prefix + requireKey(key);
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
