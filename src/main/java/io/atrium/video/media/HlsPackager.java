package io.atrium.video.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Cuts a stored media file into an HLS rendition with FFmpeg: MPEG-TS segments of about {@value #SEGMENT_SECONDS}
 * seconds and a VOD playlist, which hls.js and Safari play. H.264 (8-bit 4:2:0) video and AAC audio are copied as
 * they are, which takes a moment; anything else is transcoded to them. The bundled FFmpeg has no libx264, so H.264
 * is encoded with OpenH264 (libopenh264), which it has.
 *
 * <p>The input is read with the same confinement as {@link MediaProbe}: only the allowed containers' demuxers and the
 * {@code file} protocol, so a stored file can never make FFmpeg read another one.
 */
@Component
public class HlsPackager {

    static final int SEGMENT_SECONDS = 6;
    /** What browsers decode wherever they play H.264; 10-bit or 4:2:2 H.264 is transcoded. */
    private static final Set<String> PLAYABLE_PIXEL_FORMATS = Set.of("yuv420p", "yuvj420p");
    private static final int MAX_REASON_LENGTH = 400;

    /** What packaging came to: the playlist with its segments, or why the file cannot be packaged. */
    public sealed interface Result {
    }

    /**
     * @param playlist the playlist, its segment lines the segments' names ({@code hls-00000.ts}, ...)
     * @param segments the segment files in order, {@code segments.get(i)} named {@code hls-<i>.ts}
     */
    public record Packaged(String playlist, List<Path> segments) implements Result {
    }

    /** The file cannot be packaged (FFmpeg refused it, or it has nothing to play); trying again would not help. */
    public record Refused(String reason) implements Result {
    }

    private final MediaProbe probe;
    private final Duration timeout;

    HlsPackager(MediaProbe probe, @Value("${atrium.hls.timeout:2h}") Duration timeout) {
        this.probe = probe;
        this.timeout = timeout;
    }

    /**
     * Packages {@code input} into {@code directory}, which must be empty.
     *
     * @throws IOException when FFmpeg cannot be run or files cannot be written: worth another attempt
     */
    public Result pack(Path input, Path directory) throws IOException, InterruptedException {
        Optional<JsonNode> streams = probe.streams(input);
        if (streams.isEmpty()) {
            return new Refused("FFmpeg cannot read the file as media.");
        }
        JsonNode video = first(streams.get(), "video");
        JsonNode audio = first(streams.get(), "audio");
        if (video == null && audio == null) {
            return new Refused("The file has no video or audio stream.");
        }
        List<String> arguments = new ArrayList<>(List.of("-v", "error", "-nostdin", "-y"));
        arguments.addAll(MediaProbe.restrictedInput(input));
        if (video != null) {
            arguments.addAll(List.of("-map", "0:v:0"));
            arguments.addAll(videoCodec(video));
        }
        if (audio != null) {
            arguments.addAll(List.of("-map", "0:a:0"));
            arguments.addAll("aac".equals(audio.path("codec_name").asString(""))
                    ? List.of("-c:a", "copy") : List.of("-c:a", "aac", "-b:a", "128k", "-ac", "2"));
        }
        arguments.addAll(List.of("-sn", "-dn", "-map_metadata", "-1",
                "-f", "hls", "-hls_time", String.valueOf(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
                "-hls_list_size", "0", "-hls_segment_type", "mpegts",
                "-hls_segment_filename", "file:" + directory.toAbsolutePath().resolve("%05d.ts"),
                "file:" + directory.toAbsolutePath().resolve("index.m3u8")));
        Path log = directory.resolve("ffmpeg.log");
        Process process = MediaProbe.command(probe.ffmpeg(), arguments.toArray(String[]::new))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return new Refused("FFmpeg took longer than " + timeout + " (atrium.hls.timeout).");
        }
        if (process.exitValue() != 0) {
            return new Refused("FFmpeg could not package the file: " + lastLines(log));
        }
        return read(directory);
    }

    /** Copied when browsers play it as it is; otherwise H.264 with a key frame every segment, at a bitrate for its size. */
    private static List<String> videoCodec(JsonNode video) {
        if ("h264".equals(video.path("codec_name").asString(""))
                && PLAYABLE_PIXEL_FORMATS.contains(video.path("pix_fmt").asString(""))) {
            return List.of("-c:v", "copy");
        }
        long pixels = (long) video.path("width").asInt(1280) * video.path("height").asInt(720);
        // about 0.1 bit per pixel at 30 frames a second: 6 Mbit/s for 1080p, 0.7 Mbit/s for 360p
        long bitrate = Math.max(500_000, Math.min(12_000_000, pixels * 3));
        return List.of("-c:v", "libopenh264", "-pix_fmt", "yuv420p", "-b:v", String.valueOf(bitrate),
                // odd sizes cannot be 4:2:0
                "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",
                "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")");
    }

    private static JsonNode first(JsonNode streams, String type) {
        for (JsonNode stream : streams) {
            if (type.equals(stream.path("codec_type").asString(""))
                    && (!type.equals("video") || stream.path("disposition").path("attached_pic").asInt(0) == 0)) {
                return stream;
            }
        }
        return null;
    }

    /**
     * The playlist FFmpeg wrote, its segment lines renamed; anything else than the segments FFmpeg numbered from 0,
     * in order, refuses the result.
     */
    private static Result read(Path directory) throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("index.m3u8"), StandardCharsets.UTF_8);
        StringBuilder playlist = new StringBuilder();
        List<Path> segments = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                playlist.append(trimmed).append('\n');
                continue;
            }
            String expected = String.format("%05d.ts", segments.size());
            if (!trimmed.equals(expected) || segments.size() >= HlsKeys.MAX_SEGMENTS) {
                return new Refused("FFmpeg wrote an unexpected playlist line: " + trimmed);
            }
            segments.add(directory.resolve(expected));
            playlist.append(HlsKeys.segmentName(segments.size() - 1)).append('\n');
        }
        if (segments.isEmpty()) {
            return new Refused("FFmpeg wrote no segment.");
        }
        return new Packaged(playlist.toString(), segments);
    }

    private static String lastLines(Path log) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(log)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        // the last lines say why; the paths in them are the server's temporary files, nothing of the client's
        return text.length() > MAX_REASON_LENGTH ? "..." + text.substring(text.length() - MAX_REASON_LENGTH) : text;
    }
}
