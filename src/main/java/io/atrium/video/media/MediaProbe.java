package io.atrium.video.media;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atrium.shared.StartupCheck;
import io.atrium.video.VideoContainer;

/**
 * Reads a video's duration, frame rate and size from the file itself with FFmpeg's ffprobe, which ships
 * inside the {@code org.bytedeco:ffmpeg} artifact and is unpacked on first use.
 *
 * <p>The file is an upload, so FFmpeg is told to read it as nothing but a video container: only the demuxers of
 * {@link VideoContainer} may open it and only the {@code file} protocol may be used. A playlist (HLS), a concat
 * list or an image sequence would otherwise make FFmpeg open other files on this server, such as another
 * account's stored video, and report them as the upload's own content.
 */
@Component
public class MediaProbe {

    /** What ffprobe found in a file with at least one video stream, in one of the allowed containers. */
    public record MediaInfo(double duration, double fps, int width, int height, VideoContainer container) {
    }

    private static final Logger log = LoggerFactory.getLogger(MediaProbe.class);
    private static final long TIMEOUT_SECONDS = 120;

    private final JsonMapper json;
    private String ffprobe;
    private String ffmpeg;

    MediaProbe(JsonMapper json) {
        this.json = json;
    }

    /**
     * The demuxers an asset may be read with: the video containers, the audio formats and single images. The image
     * demuxers are the {@code *_pipe} ones, which read the one file given; {@code image2} (which expands a name
     * into a sequence of other files) is not among them.
     */
    static final String ASSET_DEMUXERS = VideoContainer.DEMUXERS
            + ",mp3,wav,flac,aac,png_pipe,jpeg_pipe,webp_pipe,bmp_pipe,gif";

    /** Empty when the file is not a readable video. */
    public Optional<MediaInfo> probe(Path file) throws IOException, InterruptedException {
        Optional<JsonNode> probed = ffprobe(file, VideoContainer.DEMUXERS);
        if (probed.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = probed.get();
        Optional<VideoContainer> container = VideoContainer.ofDemuxer(root.path("format").path("format_name").asString(""));
        if (container.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode stream : root.path("streams")) {
            if ("video".equals(stream.path("codec_type").asString("")) && stream.path("width").asInt(0) > 0) {
                double duration = number(root.path("format").path("duration").asString(""));
                if (duration <= 0) {
                    duration = number(stream.path("duration").asString(""));
                }
                if (duration <= 0) {
                    return Optional.empty();
                }
                return Optional.of(new MediaInfo(duration, rate(stream.path("avg_frame_rate").asString("0/1")),
                        stream.path("width").asInt(), stream.path("height").asInt(), container.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * What ffprobe reports of an asset's file (its format and streams, as JSON), read with {@link #ASSET_DEMUXERS}
     * only; empty when none of them can read it.
     */
    public Optional<JsonNode> describe(Path file) throws IOException, InterruptedException {
        return ffprobe(file, ASSET_DEMUXERS);
    }

    private Optional<JsonNode> ffprobe(Path file, String demuxers) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-v", "error"));
        arguments.addAll(restrictedInput(file, demuxers));
        arguments.addAll(List.of("-print_format", "json", "-show_format", "-show_streams"));
        Process process = command(ffprobe(), arguments.toArray(String[]::new))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return Optional.empty();
        }
        if (process.exitValue() != 0) {
            return Optional.empty();
        }
        return Optional.of(json.readTree(new String(output, StandardCharsets.UTF_8)));
    }

    /**
     * ffprobe's description of a file's streams ({@code -show_streams}, as JSON), read with the same confinement as
     * {@link #probe}; empty when the file is not readable media in one of the allowed containers.
     */
    Optional<JsonNode> streams(Path file) throws IOException, InterruptedException {
        return ffprobe(file, VideoContainer.DEMUXERS).map(root -> root.path("streams"));
    }

    /** Writes a JPEG of the frame at {@code seconds}, 640 pixels wide (or narrower for a smaller video). */
    public boolean thumbnail(Path video, Path jpeg, double seconds) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-v", "error", "-y", "-ss", String.valueOf(seconds)));
        // Videos reach this only once probed; an image asset is its own thumbnail, scaled.
        arguments.addAll(restrictedInput(video, ASSET_DEMUXERS));
        arguments.addAll(List.of("-frames:v", "1", "-vf", "scale='min(640,iw)':-2", "file:" + jpeg.toAbsolutePath()));
        Process process = command(ffmpeg(), arguments.toArray(String[]::new))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0 && java.nio.file.Files.size(jpeg) > 0;
    }

    /**
     * The input options that confine FFmpeg to the one file: the allowed demuxers only (no playlist, concat or
     * image demuxer), the {@code file} protocol only, and the path given as a {@code file:} URL so that a name
     * can never be read as another protocol or as an image sequence pattern.
     */
    /** The confinement of {@link #restrictedInput(Path, String)} to the video containers. */
    static List<String> restrictedInput(Path file) {
        return restrictedInput(file, VideoContainer.DEMUXERS);
    }

    private static List<String> restrictedInput(Path file, String demuxers) {
        return List.of("-protocol_whitelist", "file", "-format_whitelist", demuxers,
                "-i", "file:" + file.toAbsolutePath());
    }

    /**
     * Loads FFmpeg and checks that its programs run on this machine, so a missing system library is reported at
     * start-up rather than as failed uploads. It runs once the server is up ({@link StartupCheck}): a task that
     * needs FFmpeg meanwhile waits for this load instead of starting another.
     */
    @Component
    static class ToolsCheck implements StartupCheck {

        private final MediaProbe probe;

        ToolsCheck(MediaProbe probe) {
            this.probe = probe;
        }

        @Override
        public void run() throws InterruptedException {
            try {
                probe.ffprobe();
                probe.ffmpeg();
            } catch (RuntimeException | IOException e) {
                log.error("FFmpeg cannot run on this machine, so uploaded videos cannot be checked: {}", e.getMessage());
            }
        }
    }

    /** The ffmpeg program, extracted and checked on first use. */
    synchronized String ffmpeg() throws IOException, InterruptedException {
        if (ffmpeg == null) {
            ffmpeg = runnable(extracted(org.bytedeco.ffmpeg.ffmpeg.class));
        }
        return ffmpeg;
    }

    private synchronized String ffprobe() throws IOException, InterruptedException {
        if (ffprobe == null) {
            ffprobe = runnable(extracted(org.bytedeco.ffmpeg.ffprobe.class));
        }
        return ffprobe;
    }

    /**
     * Extracts the program with its libraries. A library that cannot be loaded (a system library missing on
     * this machine) is a {@link LinkageError}; it becomes an exception here so that it fails the task (to be
     * retried) and is reported at start-up instead of stopping the server.
     */
    private static String extracted(Class<?> program) {
        try {
            return Loader.load(program);
        } catch (LinkageError e) {
            throw new IllegalStateException("FFmpeg's libraries cannot be loaded: " + e.getMessage()
                    + " (on Debian or Ubuntu, FFmpeg's audio device library needs the libpulse0 package)", e);
        }
    }

    /**
     * Runs the program's {@code -version}, so that a program that cannot start fails the task (to be retried)
     * instead of being mistaken for a broken video.
     */
    private static String runnable(String executable) throws IOException, InterruptedException {
        Process process = command(executable, "-version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(executable + " does not run: " + output.strip()
                    + " (on Debian or Ubuntu, FFmpeg's audio device library needs the libpulse0 package)");
        }
        return executable;
    }

    /**
     * FFmpeg's programs find their own libraries next to them, but the libraries those load in turn (libva) are
     * only found through the library path.
     */
    static ProcessBuilder command(String executable, String... arguments) {
        ProcessBuilder builder = new ProcessBuilder(executable);
        builder.command().addAll(List.of(arguments));
        String directory = Path.of(executable).getParent().toString();
        String inherited = System.getenv("LD_LIBRARY_PATH");
        builder.environment().put("LD_LIBRARY_PATH", inherited == null || inherited.isBlank() ? directory
                : directory + File.pathSeparator + inherited);
        return builder;
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** ffprobe writes frame rates as fractions, such as {@code 30000/1001}. */
    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        double numerator = number(parts[0]);
        double denominator = parts.length > 1 ? number(parts[1]) : 1;
        return denominator == 0 ? 0 : Math.round(numerator / denominator * 1000) / 1000.0;
    }
}
