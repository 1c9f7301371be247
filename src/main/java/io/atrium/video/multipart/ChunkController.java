package io.atrium.video.multipart;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

import io.atrium.api.ApiError;
import io.atrium.api.ApiErrors;
import io.atrium.storage.ObjectStorage;

/**
 * Takes one chunk of a multipart upload at a {@link ChunkLinks} link (local storage), answering like S3's part upload:
 * 200 with the chunk's {@code ETag} (its quoted hex MD5), which the client reports as the chunk's proof. The body is
 * streamed to storage. A link that is not this server's or has expired answers 403; an upload that is gone, 404; a
 * chunk of the wrong size, 413 or 400; nothing of a refused chunk is stored.
 */
@RestController
class ChunkController {

    private final MultipartUploads uploads;
    private final ApiErrors errors;

    ChunkController(MultipartUploads uploads, ApiErrors errors) {
        this.uploads = uploads;
        this.errors = errors;
    }

    @PutMapping(ChunkLinks.PATH + "/{accountId}/{uploadId}/{index}")
    ResponseEntity<?> put(@PathVariable String accountId, @PathVariable String uploadId, @PathVariable int index,
            @RequestParam(defaultValue = "0") long expires, @RequestParam(required = false) String signature,
            HttpServletRequest request) throws IOException {
        try {
            ObjectStorage.Part part = uploads.receiveChunk(accountId, uploadId, index, expires, signature,
                    request.getContentLengthLong(), request.getInputStream());
            return ResponseEntity.ok().header(HttpHeaders.ETAG, "\"" + part.eTag() + "\"").build();
        } catch (ChunkRefusedException e) {
            ApiError error = errors.of(e.code(), e.getMessage());
            return ResponseEntity.status(e.status()).body(error);
        }
    }
}
