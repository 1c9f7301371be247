package io.atrium.video;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What FFmpeg's ffprobe reports of an asset's file, in the fields of the published {@code technical_metadata}
 * shape. A field the file does not have (an image's frame rate, a video's image format) is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TechnicalMetadata(Long fileSizeBytes, String fileMimeType, String fileContainerFormat,
        Instant containerCreationTime, List<VideoStream> videoStreams, String videoCodec, Integer videoWidth,
        Integer videoHeight, Double videoFps, Double videoDurationSeconds, Long videoBitrateBps,
        List<AudioStream> audioStreams, String audioCodec, Integer audioSampleRate, Integer audioChannels,
        Double audioDurationSeconds, String startTimecode, String timecodeSource, Boolean dropFrame,
        Integer imageWidth, Integer imageHeight, String imageFormat, Integer imageOrientation,
        String imageColorSpace, Integer imageBitDepth, Boolean isHdr, Boolean hasAudio, Boolean hasAlpha,
        Boolean isAnimated, Integer totalVideoStreams, Integer totalAudioStreams, Double storageAspectRatio,
        Double geospatialLatitude, Double geospatialLongitude, Double geospatialAltitudeMeters) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VideoStream(Integer index, String codec, Integer width, Integer height, Double fps, Double avgFps,
            Double durationSeconds, Long bitrateBps, Integer rotation, String pixelAspectRatio,
            String displayAspectRatio, String scanType, String pixelFormat, Integer bitDepth, String colorRange,
            String colorTransfer, String colorSpace, String colorPrimaries) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AudioStream(Integer index, String codec, String codecLong, Integer sampleRate, Integer bitDepth,
            Integer channels, String channelLayout, Long bitrateBps, String language, Double durationSeconds) {
    }
}
