package io.atrium.video.media;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.atrium.video.AssetType;
import io.atrium.video.TechnicalMetadata;
import io.atrium.video.VideoContainer;

/** Turns what ffprobe reports of an asset's file into its type, media type and {@link TechnicalMetadata}. */
public final class MediaDescriptions {

    /** An asset's file as FFmpeg read it. */
    public record Described(AssetType type, String mimeType, Double duration, TechnicalMetadata metadata) {
    }

    private static final Map<String, String> IMAGE_TYPES = Map.of("png_pipe", "png", "jpeg_pipe", "jpeg",
            "webp_pipe", "webp", "bmp_pipe", "bmp", "gif", "gif");
    private static final Map<String, String> AUDIO_MEDIA_TYPES = Map.of("mp3", "audio/mpeg", "wav", "audio/wav",
            "flac", "audio/flac", "aac", "audio/aac", "ogg", "audio/ogg", "mov", "audio/mp4",
            "matroska", "audio/x-matroska");
    private static final Set<String> HDR_TRANSFERS = Set.of("smpte2084", "arib-std-b67");
    /** ISO 6709, as QuickTime and MP4 files keep a place: {@code +37.7858-122.4064+010.000/}. */
    private static final Pattern ISO_6709 = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)?/?");
    private static final Pattern PIXEL_FORMAT_DEPTH = Pattern.compile("p(9|10|12|14|16)(le|be)?$");

    private MediaDescriptions() {
    }

    /** Empty when the file holds neither a picture nor sound. */
    public static Optional<Described> of(JsonNode probe, long size, String filename) {
        JsonNode format = probe.path("format");
        List<String> demuxers = List.of(format.path("format_name").asString("").toLowerCase(Locale.ROOT).split(","));
        List<JsonNode> video = new ArrayList<>();
        List<JsonNode> audio = new ArrayList<>();
        for (JsonNode stream : probe.path("streams")) {
            String kind = stream.path("codec_type").asString("");
            // cover art inside a music file is a picture stream, not video
            if (kind.equals("video") && stream.path("disposition").path("attached_pic").asInt(0) == 0) {
                video.add(stream);
            } else if (kind.equals("audio")) {
                audio.add(stream);
            }
        }
        String image = demuxers.stream().map(IMAGE_TYPES::get).filter(name -> name != null).findFirst().orElse(null);
        Optional<VideoContainer> container = VideoContainer.ofDemuxer(String.join(",", demuxers));
        AssetType type;
        String mimeType;
        String containerName;
        if (image != null && !video.isEmpty()) {
            type = AssetType.IMAGE;
            mimeType = "image/" + image;
            containerName = image;
        } else if (!video.isEmpty() && container.isPresent()) {
            type = AssetType.VIDEO;
            mimeType = container.get().mediaType(filename).toString();
            containerName = container.get().name().toLowerCase(Locale.ROOT);
        } else if (!audio.isEmpty()) {
            type = AssetType.AUDIO;
            String demuxer = demuxers.stream().filter(AUDIO_MEDIA_TYPES::containsKey).findFirst().orElse(demuxers.get(0));
            mimeType = AUDIO_MEDIA_TYPES.getOrDefault(demuxer, "application/octet-stream");
            containerName = demuxer.equals("mov") ? "mp4" : demuxer;
        } else {
            return Optional.empty();
        }
        Double duration = type == AssetType.IMAGE ? null : positive(number(format, "duration"));
        if (duration == null && type == AssetType.VIDEO) {
            duration = positive(number(video.get(0), "duration"));
        }
        if (duration == null && type == AssetType.AUDIO) {
            duration = positive(number(audio.get(0), "duration"));
        }
        List<TechnicalMetadata.VideoStream> videoStreams = type == AssetType.IMAGE ? List.of()
                : video.stream().map(MediaDescriptions::videoStream).toList();
        List<TechnicalMetadata.AudioStream> audioStreams = audio.stream().map(MediaDescriptions::audioStream).toList();
        TechnicalMetadata.VideoStream firstVideo = videoStreams.isEmpty() ? null : videoStreams.get(0);
        TechnicalMetadata.AudioStream firstAudio = audioStreams.isEmpty() ? null : audioStreams.get(0);
        JsonNode picture = video.isEmpty() ? null : video.get(0);
        Timecode timecode = timecode(probe);
        double[] place = place(format.path("tags"));
        Integer width = picture == null ? null : integer(picture, "width");
        Integer height = picture == null ? null : integer(picture, "height");
        String pixelFormat = picture == null ? null : text(picture, "pix_fmt");
        boolean isImage = type == AssetType.IMAGE;
        TechnicalMetadata metadata = new TechnicalMetadata(size, mimeType, containerName,
                instant(text(format.path("tags"), "creation_time")),
                videoStreams, firstVideo == null ? null : firstVideo.codec(),
                firstVideo == null ? null : firstVideo.width(), firstVideo == null ? null : firstVideo.height(),
                firstVideo == null ? null : firstVideo.avgFps(), firstVideo == null ? null : firstVideo.durationSeconds(),
                firstVideo == null ? null : firstVideo.bitrateBps(),
                audioStreams, firstAudio == null ? null : firstAudio.codec(),
                firstAudio == null ? null : firstAudio.sampleRate(), firstAudio == null ? null : firstAudio.channels(),
                firstAudio == null ? null : firstAudio.durationSeconds(),
                timecode == null ? null : timecode.value(), timecode == null ? null : timecode.source(),
                timecode == null ? null : timecode.value().contains(";"),
                isImage ? width : null, isImage ? height : null, isImage ? image : null, null,
                isImage ? colorModel(pixelFormat) : null, isImage ? bitDepth(picture) : null,
                picture != null && !isImage && isHdr(text(picture, "color_transfer")),
                !audio.isEmpty(), pixelFormat != null && hasAlpha(pixelFormat),
                isImage && "gif".equals(image) && number(format, "duration") != null && number(format, "duration") > 0.1,
                type == AssetType.IMAGE ? 0 : video.size(), audio.size(),
                width == null || height == null || height == 0 ? null : Math.round(width * 10000.0 / height) / 10000.0,
                place == null ? null : place[0], place == null ? null : place[1],
                place == null || place.length < 3 ? null : place[2]);
        return Optional.of(new Described(type, mimeType, duration, metadata));
    }

    private static TechnicalMetadata.VideoStream videoStream(JsonNode stream) {
        return new TechnicalMetadata.VideoStream(integer(stream, "index"), text(stream, "codec_name"),
                integer(stream, "width"), integer(stream, "height"), rate(text(stream, "r_frame_rate")),
                rate(text(stream, "avg_frame_rate")), positive(number(stream, "duration")), whole(stream, "bit_rate"),
                rotation(stream), text(stream, "sample_aspect_ratio"), text(stream, "display_aspect_ratio"),
                scanType(text(stream, "field_order")), text(stream, "pix_fmt"), bitDepth(stream),
                text(stream, "color_range"), text(stream, "color_transfer"), text(stream, "color_space"),
                text(stream, "color_primaries"));
    }

    private static TechnicalMetadata.AudioStream audioStream(JsonNode stream) {
        Integer depth = integer(stream, "bits_per_raw_sample");
        if (depth == null || depth == 0) {
            depth = integer(stream, "bits_per_sample");
        }
        return new TechnicalMetadata.AudioStream(integer(stream, "index"), text(stream, "codec_name"),
                text(stream, "codec_long_name"), integer(stream, "sample_rate"), depth == null || depth == 0 ? null : depth,
                integer(stream, "channels"), text(stream, "channel_layout"), whole(stream, "bit_rate"),
                text(stream.path("tags"), "language"), positive(number(stream, "duration")));
    }

    private record Timecode(String value, String source) {
    }

    /** A timecode kept by the container, or by a stream (QuickTime's tmcd track). */
    private static Timecode timecode(JsonNode probe) {
        String container = text(probe.path("format").path("tags"), "timecode");
        if (container != null) {
            return new Timecode(container, "container");
        }
        for (JsonNode stream : probe.path("streams")) {
            String value = text(stream.path("tags"), "timecode");
            if (value != null) {
                return new Timecode(value, "stream");
            }
        }
        return null;
    }

    private static double[] place(JsonNode tags) {
        String location = text(tags, "location");
        if (location == null) {
            location = text(tags, "com.apple.quicktime.location.ISO6709");
        }
        if (location == null) {
            return null;
        }
        Matcher matcher = ISO_6709.matcher(location.strip());
        if (!matcher.matches()) {
            return null;
        }
        double latitude = Double.parseDouble(matcher.group(1));
        double longitude = Double.parseDouble(matcher.group(2));
        return matcher.group(3) == null ? new double[] {latitude, longitude}
                : new double[] {latitude, longitude, Double.parseDouble(matcher.group(3))};
    }

    private static Integer rotation(JsonNode stream) {
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asInt();
            }
        }
        Integer rotate = integer(stream.path("tags"), "rotate");
        return rotate == null ? 0 : rotate;
    }

    private static String scanType(String fieldOrder) {
        if (fieldOrder == null || fieldOrder.equals("unknown")) {
            return null;
        }
        return fieldOrder.equals("progressive") ? "progressive" : "interlaced";
    }

    private static Integer bitDepth(JsonNode stream) {
        Integer raw = integer(stream, "bits_per_raw_sample");
        if (raw != null && raw > 0) {
            return raw;
        }
        String pixelFormat = text(stream, "pix_fmt");
        if (pixelFormat == null) {
            return null;
        }
        Matcher depth = PIXEL_FORMAT_DEPTH.matcher(pixelFormat);
        return depth.find() ? Integer.valueOf(depth.group(1)) : 8;
    }

    private static boolean isHdr(String colorTransfer) {
        return colorTransfer != null && HDR_TRANSFERS.contains(colorTransfer);
    }

    private static boolean hasAlpha(String pixelFormat) {
        return pixelFormat.matches("(yuva|rgba|argb|bgra|abgr|gbrap|ya).*");
    }

    private static String colorModel(String pixelFormat) {
        if (pixelFormat == null) {
            return null;
        }
        if (pixelFormat.startsWith("gray") || pixelFormat.startsWith("ya") || pixelFormat.startsWith("monow")) {
            return "gray";
        }
        return pixelFormat.startsWith("yuv") ? "ycbcr" : "rgb";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asString("");
        return text.isEmpty() || text.equals("N/A") ? null : text;
    }

    private static Double number(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double positive(Double value) {
        return value == null || value <= 0 ? null : value;
    }

    private static Integer integer(JsonNode node, String field) {
        Double value = number(node, field);
        return value == null ? null : (int) Math.round(value);
    }

    private static Long whole(JsonNode node, String field) {
        Double value = number(node, field);
        return value == null || value <= 0 ? null : Math.round(value);
    }

    private static Double rate(String fraction) {
        if (fraction == null) {
            return null;
        }
        String[] parts = fraction.split("/");
        try {
            double numerator = Double.parseDouble(parts[0]);
            double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return denominator == 0 || numerator == 0 ? null : Math.round(numerator / denominator * 1000) / 1000.0;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
