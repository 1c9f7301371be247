package io.atrium.video.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import org.springframework.web.multipart.MaxUploadSizeExceededException;

import io.atrium.video.VideoTasks;
import io.atrium.video.upload.MultipartReader;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reading an upload's multipart body as it arrives, for the API and the Playground alike: the limits, and what
 * the client is told when the body cannot be read.
 */
public final class UploadBodies {

    /** What a body may hold besides the file: the form's other fields and the parts' headers. */
    static final long FORM_FIELDS_ALLOWANCE = 1024 * 1024;

    /** The parts that carry the uploaded file: a task's {@code video_file}, an asset's {@code file}. */
    private static final java.util.Set<String> FILE_PARTS = java.util.Set.of("video_file", "file");

    private UploadBodies() {
    }

    /**
     * A form flag, read as Spring reads a boolean request parameter (true/false, on/off, yes/no, 1/0).
     *
     * @param absent what a missing or empty field means
     * @throws InvalidInputException for any other value
     */
    public static boolean flag(String name, String value, boolean absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            Boolean flag = org.springframework.core.convert.support.DefaultConversionService.getSharedInstance()
                    .convert(value.strip(), Boolean.class);
            return flag == null ? absent : flag;
        } catch (org.springframework.core.convert.ConversionException e) {
            throw new InvalidInputException(name, "parameter_invalid", name + " must be true or false.");
        }
    }

    /**
     * A reader of the request's body, refusing at once a body that is not multipart or that announces more than
     * the largest file (and its fields) allows.
     *
     * @throws InvalidInputException for a body that is not multipart/form-data with a boundary
     * @throws MaxUploadSizeExceededException for an announced length over the limit (413)
     */
    public static MultipartReader open(HttpServletRequest request, VideoLimits limits) throws IOException {
        String boundary = MultipartReader.boundary(request.getContentType()).orElseThrow(() -> new InvalidInputException(
                "video_file", "parameter_invalid", "The body must be multipart/form-data with a boundary."));
        long maxFileSize = limits.maxFileSize().toBytes();
        long maxBodySize = maxFileSize + FORM_FIELDS_ALLOWANCE;
        if (request.getContentLengthLong() > maxBodySize) {
            throw new MaxUploadSizeExceededException(maxFileSize);
        }
        return new MultipartReader(request.getInputStream(), boundary, maxFileSize, maxBodySize);
    }

    /**
     * What the client is told when its body could not be read: too large (413), malformed or cut off (400). A
     * failure to store is not the client's and goes on as it is.
     */
    public static RuntimeException refusal(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MultipartReader.TooLargeException tooLarge) {
                if (tooLarge.partName() == null || FILE_PARTS.contains(tooLarge.partName())) {
                    return new MaxUploadSizeExceededException(tooLarge.limit());
                }
                // user_metadata has limits of its own, named the same on every path that writes it
                return new InvalidInputException(tooLarge.partName(), tooLarge.partName().equals("user_metadata")
                        ? "user_metadata_too_large" : "parameter_invalid", cause.getMessage());
            }
            if (cause instanceof MultipartReader.MalformedException) {
                return new InvalidInputException("video_file", "parameter_invalid",
                        "The multipart body cannot be read: " + cause.getMessage());
            }
            if (cause instanceof MultipartReader.InterruptedBodyException) {
                // Most often the client has gone and will not read this; it is no failure of the server's.
                return new InvalidInputException("video_file", "parameter_invalid",
                        "The upload stopped before the body ended; nothing was stored.");
            }
        }
        return e instanceof RuntimeException runtime ? runtime : new UncheckedIOException(
                "The upload could not be stored", (IOException) e);
    }

    /**
     * The stored file, or {@code null} (and nothing stored) when it is empty: an empty file part is what a form
     * sends when no file was chosen.
     */
    public static VideoTasks.StoredUpload nonEmpty(VideoTasks tasks, VideoTasks.StoredUpload stored) {
        if (stored.size() > 0) {
            return stored;
        }
        tasks.discard(stored);
        return null;
    }

    /**
     * Deletes the stored file of a refused upload (a task's or an asset's) with {@code discard}; a failure to delete
     * does not hide why it was refused.
     *
     * @param stored the stored file, or {@code null} when none was stored yet
     */
    public static <T> RuntimeException discarding(T stored, Consumer<T> discard, RuntimeException refusal) {
        if (stored != null) {
            try {
                discard.accept(stored);
            } catch (RuntimeException e) {
                refusal.addSuppressed(e);
            }
        }
        return refusal;
    }

    /** A form field as the upload forms read it: {@code null} when missing or blank, else without outer spaces. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
