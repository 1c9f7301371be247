package io.atrium.video;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;

/**
 * The video containers Atrium accepts, each with the FFmpeg demuxer that reads it, the file name extensions an
 * upload of it may carry, and the media type it is served as. The probed container, never the name the client
 * gave, decides how a stored video is served.
 */
public enum VideoContainer {

    MP4("mov", "video/mp4", "mp4", "m4v", "mov", "3gp"),
    MATROSKA("matroska", "video/x-matroska", "mkv", "webm"),
    AVI("avi", "video/x-msvideo", "avi"),
    MPEG_TS("mpegts", "video/mp2t", "ts", "mts", "m2ts"),
    MPEG_PS("mpeg", "video/mpeg", "mpg", "mpeg"),
    FLV("flv", "video/x-flv", "flv"),
    ASF("asf", "video/x-ms-asf", "wmv"),
    MXF("mxf", "application/mxf", "mxf"),
    OGG("ogg", "video/ogg", "ogv");

    /** The demuxers FFmpeg may use on an upload, as its {@code -format_whitelist} takes them. */
    public static final String DEMUXERS = Arrays.stream(values()).map(container -> container.demuxer)
            .collect(Collectors.joining(","));

    /** The file name extensions a directly uploaded or imported video may have. */
    public static final Set<String> EXTENSIONS = Arrays.stream(values())
            .flatMap(container -> container.extensions.stream()).collect(Collectors.toUnmodifiableSet());

    private final String demuxer;
    private final MediaType mediaType;
    private final Set<String> extensions;

    VideoContainer(String demuxer, String mediaType, String... extensions) {
        this.demuxer = demuxer;
        this.mediaType = MediaType.parseMediaType(mediaType);
        this.extensions = Set.of(extensions);
    }

    /**
     * The container of ffprobe's {@code format_name}, which lists the names of the demuxer that read the file
     * ({@code mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm}, ...).
     */
    public static Optional<VideoContainer> ofDemuxer(String formatName) {
        Set<String> names = Set.of(formatName.toLowerCase(Locale.ROOT).split(","));
        return Arrays.stream(values()).filter(container -> names.contains(container.demuxer)).findFirst();
    }

    /** The stored column value; an unknown or missing one is no container. */
    static Optional<VideoContainer> ofStored(String name) {
        return Arrays.stream(values()).filter(container -> container.name().equals(name)).findFirst();
    }

    /**
     * The type a stored video is served as. WebM is Matroska; a browser plays it as {@code video/webm}, so the
     * name's extension may choose between the two, but only within the probed container.
     */
    public MediaType mediaType(String filename) {
        if (this == MATROSKA && filename.toLowerCase(Locale.ROOT).endsWith(".webm")) {
            return MediaType.parseMediaType("video/webm");
        }
        return mediaType;
    }

    /** The name's extension (lower case) when it is one of a known container's; empty for any other name. */
    public static Optional<String> extensionOf(String filename) {
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSIONS.contains(extension) ? Optional.of(extension) : Optional.empty();
    }

    /** Whether a file of this name may be uploaded or imported: its extension is one of a known container's. */
    public static boolean allowsName(String filename) {
        return extensionOf(filename).isPresent();
    }

    /** The accepted extensions, sorted, as messages list them: {@code 3gp, avi, flv, ...}. */
    public static String extensionList() {
        return String.join(", ", EXTENSIONS.stream().sorted().toList());
    }
}
