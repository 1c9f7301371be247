package io.atrium.video.multipart;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.atrium.api.ApiPage;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.storage.ObjectStorage;
import io.atrium.video.AssetService;
import io.atrium.video.AssetType;
import io.atrium.video.media.MediaUrls;

/**
 * Multipart uploads of assets (api.md, Multipart uploads): a file sent in chunks, each straight to storage where it
 * can take them (S3 presigned part uploads) or through this server ({@link ChunkLinks}), reported with the ETag each
 * answered as its proof, checked against what storage holds, and put together into the asset's file once every chunk
 * is in. The asset waits meanwhile (processing); an upload not done by its expiry is dropped and its asset fails
 * ({@link #expireDue}). Always found within the account: another account's upload is missing.
 */
@Service
class MultipartUploads {

    /** How many chunk links one request may ask for. */
    static final int MAX_URLS = 50;
    private static final int EXPIRY_BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(MultipartUploads.class);

    record ChunkUrl(int index, String url, Instant expiresAt) {
    }

    record Created(UploadRow upload, List<ChunkUrl> urls) {
    }

    record Urls(UploadRow upload, int start, List<ChunkUrl> urls, Instant generatedAt, Instant expiresAt) {
    }

    /** A chunk as the client reports it. */
    record Reported(Integer index, String proof, String proofType, Long size) {
    }

    /** @param url the asset's file, once every chunk is in; null until then */
    record ReportResult(String url, String assetId, int processed, int duplicates, int totalCompleted) {
    }

    /** One chunk as the status shows it: completed, failed or pending (not reported yet). */
    record ChunkState(int index, String status, Instant uploadedAt, Instant updatedAt, String error) {
    }

    record Status(UploadRow upload, String status, List<ChunkState> chunks, int completed, int failed, int pending,
            long uploadedSize, ApiPage.PageInfo pageInfo) {
    }

    private final MultipartUploadRepository uploads;
    private final AssetService assets;
    private final ObjectStorage storage;
    private final ChunkLinks links;
    private final MediaUrls mediaUrls;
    private final MultipartProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MultipartUploads(MultipartUploadRepository uploads, AssetService assets, ObjectStorage storage, ChunkLinks links,
            MediaUrls mediaUrls, MultipartProperties properties, TransactionTemplate transactions, Clock clock) {
        this.uploads = uploads;
        this.assets = assets;
        this.storage = storage;
        this.links = links;
        this.mediaUrls = mediaUrls;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Creates the upload and its waiting asset, and starts storage's upload in parts.
     *
     * @throws InvalidInputException for a missing filename, a size of 0 or over the limit, or bad user metadata
     */
    Created create(String accountId, String filename, AssetType type, long totalSize, AssetService.Options options) {
        if (filename == null || filename.isBlank()) {
            throw new InvalidInputException("filename", "parameter_not_provided", "filename is required.");
        }
        if (totalSize <= 0) {
            throw new InvalidInputException("total_size", "parameter_invalid", "total_size must be 1 or more bytes.");
        }
        long chunkSize = chunkSize(totalSize);
        int totalChunks = (int) ((totalSize + chunkSize - 1) / chunkSize);
        Instant now = clock.instant();
        String uploadId = Ids.newId(now);
        String[] started = new String[2];
        try {
            UploadRow upload = transactions.execute(status -> {
                AssetService.ReservedAsset asset = assets.reserve(accountId, filename, type, totalSize, options);
                started[0] = asset.objectKey();
                started[1] = storage.startParts(asset.objectKey());
                UploadRow row = new UploadRow(uploadId, accountId, asset.assetId(), asset.objectKey(), started[1],
                        UploadRow.ACTIVE, totalSize, chunkSize, totalChunks, now, now, now.plus(properties.expiry()));
                uploads.insert(row);
                return row;
            });
            return new Created(upload, urls(upload, 1, Math.min(totalChunks, properties.initialUrls()), now));
        } catch (RuntimeException e) {
            if (started[1] != null) {
                abortQuietly(started[0], started[1], e);
            }
            throw e;
        }
    }

    /**
     * The configured size, raised to what storage takes (S3: 5 MiB) and to what keeps the file within storage's
     * 10,000 parts.
     */
    private long chunkSize(long totalSize) {
        long fewestParts = (totalSize + ObjectStorage.MAX_PARTS - 1) / ObjectStorage.MAX_PARTS;
        return Math.max(properties.chunkSize().toBytes(), Math.max(storage.minPartSize(), fewestParts));
    }

    /**
     * Fresh links for chunks {@code start} to {@code start + count - 1} (those past the last chunk left out).
     *
     * @throws InvalidInputException for a start outside the chunks, a count outside 1 to 50, or an upload that no
     *     longer takes chunks
     */
    Urls moreUrls(String accountId, String uploadId, Integer start, Integer count) {
        UploadRow upload = find(accountId, uploadId);
        if (start == null || count == null) {
            throw new InvalidInputException(start == null ? "start" : "count", "parameter_not_provided",
                    "start and count are required.");
        }
        if (start < 1 || start > upload.totalChunks()) {
            throw new InvalidInputException("start", "parameter_invalid",
                    "start must be a chunk of the upload, 1 to " + upload.totalChunks() + ".");
        }
        if (count < 1 || count > MAX_URLS) {
            throw new InvalidInputException("count", "parameter_invalid", "count must be between 1 and " + MAX_URLS + ".");
        }
        Instant now = clock.instant();
        requireOpen(upload, now);
        int last = (int) Math.min(upload.totalChunks(), (long) start + count - 1);
        List<ChunkUrl> urls = urls(upload, start, last, now);
        return new Urls(upload, start, urls, now, urls.get(0).expiresAt());
    }

    private List<ChunkUrl> urls(UploadRow upload, int first, int last, Instant now) {
        Instant expiresAt = now.plus(properties.urlValidity());
        if (expiresAt.isAfter(upload.expiresAt())) {
            expiresAt = upload.expiresAt();
        }
        List<ChunkUrl> urls = new ArrayList<>();
        for (int index = first; index <= last; index++) {
            String url = storage.presignsParts()
                    ? storage.presignPart(upload.objectKey(), upload.storageUploadId(), index,
                            Duration.between(now, expiresAt)).toString()
                    : links.link(upload.accountId(), upload.id(), index, expiresAt);
            urls.add(new ChunkUrl(index, url, expiresAt));
        }
        return urls;
    }

    /**
     * Stores a chunk sent to a {@link ChunkLinks} link, streamed; it must be exactly its chunk's size.
     *
     * @return the stored chunk, its eTag the hex MD5 of its bytes
     * @throws ChunkRefusedException 403 for a link that is not this server's or has expired; 404 for an upload that
     *     is gone, no longer takes chunks or has no such chunk; 413 or 400 for a chunk of another size
     */
    ObjectStorage.Part receiveChunk(String accountId, String uploadId, int index, long expires, String signature,
            long announcedLength, InputStream content) {
        if (!links.valid(accountId, uploadId, index, expires, signature)) {
            throw new ChunkRefusedException(403, "signature_invalid",
                    "The chunk link is not valid or has expired; ask for fresh ones (presigned-urls).");
        }
        UploadRow upload = uploads.find(accountId, uploadId).filter(found -> found.open(clock.instant()))
                .filter(found -> index >= 1 && index <= found.totalChunks())
                .filter(found -> !storage.presignsParts())
                .orElseThrow(() -> new ChunkRefusedException(404, "upload_not_found",
                        "The upload does not exist, has ended, or has no such chunk."));
        long expected = upload.expectedSize(index);
        if (announcedLength > expected) {
            throw ExactLengthInputStream.tooLarge(expected);
        }
        return storage.storePart(upload.objectKey(), upload.storageUploadId(), index,
                new ExactLengthInputStream(content, expected));
    }

    /**
     * Records reported chunks once each is checked against what storage holds (its size and its ETag); when every
     * chunk is in, puts the file together and has the asset read. A chunk reported again is counted as a duplicate.
     *
     * @throws InvalidInputException for a malformed report, an upload that no longer takes chunks, or (after
     *     recording them as failed) chunks that storage does not hold as reported
     */
    ReportResult report(String accountId, String uploadId, List<Reported> reported) {
        UploadRow upload = find(accountId, uploadId);
        if (reported == null || reported.isEmpty()) {
            throw new InvalidInputException("completed_chunks", "parameter_not_provided",
                    "completed_chunks must list at least one chunk.");
        }
        for (Reported chunk : reported) {
            check(upload, chunk);
        }
        if (upload.status().equals(UploadRow.COMPLETED)) {
            return new ReportResult(fileUrl(upload), upload.assetId(), 0, reported.size(), upload.totalChunks());
        }
        Instant now = clock.instant();
        requireOpen(upload, now);

        Set<Integer> alreadyCompleted = uploads.completedChunks(accountId, uploadId).stream().map(ChunkRow::index)
                .collect(Collectors.toSet());
        Map<Integer, Reported> fresh = new java.util.LinkedHashMap<>();
        for (Reported chunk : reported) {
            if (!alreadyCompleted.contains(chunk.index())) {
                fresh.putIfAbsent(chunk.index(), chunk);
            }
        }
        Map<Integer, ObjectStorage.Part> stored = fresh.isEmpty() ? Map.of()
                : storage.parts(upload.objectKey(), upload.storageUploadId(), fresh.keySet());
        List<ChunkRow> completed = new ArrayList<>();
        List<ChunkRow> failed = new ArrayList<>();
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        for (Reported chunk : fresh.values()) {
            ObjectStorage.Part part = stored.get(chunk.index());
            String error = part == null ? "Chunk " + chunk.index() + " was not received."
                    : part.size() != upload.expectedSize(chunk.index()) ? "Chunk " + chunk.index() + " holds "
                            + part.size() + " bytes, not " + upload.expectedSize(chunk.index()) + "."
                    : !normalized(chunk.proof()).equals(normalized(part.eTag())) ? "The proof of chunk " + chunk.index()
                            + " does not match the ETag of the bytes received; send the chunk again."
                    : null;
            if (error == null) {
                completed.add(new ChunkRow(chunk.index(), ChunkRow.COMPLETED, part.size(), part.eTag(), null, now, now));
            } else {
                failed.add(new ChunkRow(chunk.index(), ChunkRow.FAILED, chunk.size(), null, error, null, now));
                problems.add(new InvalidInputException.Problem("completed_chunks",
                        part == null ? "chunk_not_uploaded" : "chunk_proof_mismatch", error));
            }
        }
        if (!problems.isEmpty()) {
            // The failures are kept, for the status to show, and the report is refused whole: nothing of it counts.
            transactions.executeWithoutResult(status -> {
                uploads.lock(accountId, uploadId);
                Set<Integer> nowCompleted = uploads.completedChunks(accountId, uploadId).stream().map(ChunkRow::index)
                        .collect(Collectors.toSet());
                failed.stream().filter(chunk -> !nowCompleted.contains(chunk.index()))
                        .forEach(chunk -> uploads.saveChunk(accountId, uploadId, chunk));
                uploads.touch(accountId, uploadId, now);
            });
            throw new InvalidInputException(problems);
        }
        return transactions.execute(status -> complete(accountId, uploadId, reported.size(), completed, now));
    }

    /** Under the upload's lock: records the checked chunks and, when they are all in, puts the file together. */
    private ReportResult complete(String accountId, String uploadId, int reportedCount, List<ChunkRow> checked,
            Instant now) {
        UploadRow upload = uploads.lock(accountId, uploadId).orElseThrow(() -> new NotFoundException("Upload"));
        if (upload.status().equals(UploadRow.COMPLETED)) {
            return new ReportResult(fileUrl(upload), upload.assetId(), 0, reportedCount, upload.totalChunks());
        }
        requireOpen(upload, now);
        Set<Integer> alreadyCompleted = uploads.completedChunks(accountId, uploadId).stream().map(ChunkRow::index)
                .collect(Collectors.toSet());
        int processed = 0;
        for (ChunkRow chunk : checked) {
            if (alreadyCompleted.add(chunk.index())) {
                uploads.saveChunk(accountId, uploadId, chunk);
                processed++;
            }
        }
        uploads.touch(accountId, uploadId, now);
        int total = alreadyCompleted.size();
        if (total < upload.totalChunks()) {
            return new ReportResult(null, upload.assetId(), processed, reportedCount - processed, total);
        }
        List<ObjectStorage.Part> parts = uploads.completedChunks(accountId, uploadId).stream()
                .map(chunk -> new ObjectStorage.Part(chunk.index(), chunk.size(), chunk.eTag())).toList();
        // Storage puts the file together before the upload and its asset are marked, in this transaction: were the
        // database to fail afterwards, the report can be sent again (the chunks are still reported, the file whole).
        long size = storage.completeParts(upload.objectKey(), upload.storageUploadId(), parts);
        uploads.markCompleted(accountId, uploadId, now);
        assets.uploaded(accountId, upload.assetId(), upload.objectKey(), size);
        return new ReportResult(fileUrl(upload), upload.assetId(), processed, reportedCount - processed, total);
    }

    private static void check(UploadRow upload, Reported chunk) {
        if (chunk == null || chunk.index() == null || chunk.proof() == null || chunk.proof().isBlank()
                || chunk.proofType() == null || chunk.size() == null) {
            throw new InvalidInputException("completed_chunks", "parameter_not_provided",
                    "Each completed chunk needs chunk_index, proof, proof_type and chunk_size.");
        }
        if (!chunk.proofType().equals("etag")) {
            throw new InvalidInputException("proof_type", "parameter_invalid", "proof_type must be etag.");
        }
        if (chunk.index() < 1 || chunk.index() > upload.totalChunks()) {
            throw new InvalidInputException("chunk_index", "parameter_invalid",
                    "chunk_index must be a chunk of the upload, 1 to " + upload.totalChunks() + ".");
        }
        if (chunk.size() != upload.expectedSize(chunk.index())) {
            throw new InvalidInputException("chunk_size", "parameter_invalid", "Chunk " + chunk.index() + " is "
                    + upload.expectedSize(chunk.index()) + " bytes, not " + chunk.size() + ".");
        }
    }

    /** ETags are compared as S3 gives them, quoted or not, in either case. */
    private static String normalized(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "").strip().toLowerCase(Locale.ROOT);
    }

    /** A signed link to the asset's file, as the SDKs take it for "the upload is complete". */
    private String fileUrl(UploadRow upload) {
        return mediaUrls.link(upload.accountId(), upload.assetId(), "video");
    }

    /** @throws NotFoundException when the upload is not the account's */
    Status status(String accountId, String uploadId, ApiPage.Request paging) {
        UploadRow upload = find(accountId, uploadId);
        Instant now = clock.instant();
        int from = (int) Math.min(paging.offset() + 1, (long) upload.totalChunks() + 1);
        int to = (int) Math.min(paging.offset() + paging.limit(), upload.totalChunks());
        Map<Integer, ChunkRow> rows = uploads.chunks(accountId, uploadId, from, to).stream()
                .collect(Collectors.toMap(ChunkRow::index, Function.identity()));
        List<ChunkState> chunks = new ArrayList<>();
        for (int index = from; index <= to; index++) {
            ChunkRow row = rows.get(index);
            chunks.add(row == null ? new ChunkState(index, "pending", null, null, null)
                    : new ChunkState(index, row.status(), row.uploadedAt(), row.updatedAt(), row.errorMessage()));
        }
        MultipartUploadRepository.Totals totals = uploads.totals(accountId, uploadId);
        ApiPage<ChunkState> page = ApiPage.of(chunks, paging, upload.totalChunks());
        return new Status(upload, upload.shownStatus(now), chunks, totals.completed(), totals.failed(),
                upload.totalChunks() - totals.completed() - totals.failed(), totals.completedBytes(), page.pageInfo());
    }

    /** The account's uploads that still take chunks, newest first. */
    ApiPage<UploadRow> incomplete(String accountId, ApiPage.Request paging) {
        Instant now = clock.instant();
        return ApiPage.of(uploads.activePage(accountId, now, paging.limit(), paging.offset()), paging,
                () -> uploads.countActive(accountId, now));
    }

    /**
     * Ends the uploads past their expiry: their parts are dropped from storage first (so an upload is marked expired
     * only once nothing of it is left), then each is marked expired and its asset failed, in one transaction. Another
     * node doing the same at once finds the upload expired already and leaves its asset alone.
     *
     * @return how many uploads this call expired
     */
    int expireDue() {
        int expired = 0;
        List<UploadRow> due;
        Set<String> seen = new LinkedHashSet<>();
        do {
            Instant now = clock.instant();
            due = uploads.expiredActive(now, EXPIRY_BATCH).stream().filter(upload -> seen.add(upload.id())).toList();
            for (UploadRow upload : due) {
                try {
                    storage.abortParts(upload.objectKey(), upload.storageUploadId());
                } catch (RuntimeException e) {
                    log.warn("Could not drop the chunks of expired multipart upload {}; trying again later", upload.id(), e);
                    continue;
                }
                Boolean mine = transactions.execute(status -> {
                    if (!uploads.markExpired(upload.accountId(), upload.id(), now)) {
                        return false;
                    }
                    assets.uploadAbandoned(upload.accountId(), upload.assetId(),
                            "The multipart upload expired before all its chunks were reported.");
                    return true;
                });
                if (Boolean.TRUE.equals(mine)) {
                    expired++;
                }
            }
        } while (due.size() == EXPIRY_BATCH);
        return expired;
    }

    private UploadRow find(String accountId, String uploadId) {
        return uploads.find(accountId, uploadId).orElseThrow(() -> new NotFoundException("Upload"));
    }

    private static void requireOpen(UploadRow upload, Instant now) {
        if (!upload.open(now)) {
            String status = upload.shownStatus(now);
            throw new InvalidInputException("upload_id", "upload_" + status,
                    "The upload is " + status + " and takes no more chunks.");
        }
    }

    private void abortQuietly(String key, String storageUploadId, RuntimeException cause) {
        try {
            storage.abortParts(key, storageUploadId);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
