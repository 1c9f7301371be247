package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;
import org.springframework.util.FileSystemUtils;

/** Small real videos made on the spot with FFmpeg's own ffmpeg program (from the bytedeco artifact). */
public final class TestVideos {

    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

    private TestVideos() {
    }

    /** A 640x360, 25 fps test pattern of the length, made once a test run: {@code static final Path clip = ...}. */
    public static Path shared(String name, int seconds) {
        return shared(name, seconds, 640, 360, 25);
    }

    /** A test pattern made once a test run and shared by every test class that asks for the same one. */
    public static Path shared(String name, int seconds, int width, int height, int fps) {
        return MADE.computeIfAbsent(name + "-" + seconds + "s-" + width + "x" + height + "-" + fps, made -> {
            try {
                return testPattern(Files.createDirectories(directory().resolve(made)), name, seconds, width, height, fps);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code noise.mp4}: no video at all, which every upload path must refuse as broken. */
    public static Path noise() {
        return sharedBroken("noise.mp4");
    }

    /** {@code short.mp4}: a real video of 2 seconds, under the 4 seconds a video must last. */
    public static Path tooShort() {
        return shared("short.mp4", 2);
    }

    /** {@code tiny.mp4}: a real 320x240 video of 5 seconds, under the resolution a video must have. */
    public static Path tooLowResolution() {
        return shared("tiny.mp4", 5, 320, 240, 25);
    }

    /** {@code sound.mp4}: a 640x360 test pattern of 5 seconds with a tone, H.264 and AAC in MP4. */
    public static Path withSound() {
        return h264WithSound("sound.mp4", 5);
    }

    /**
     * {@code grainy.mp4}: 4 seconds of a 640x360 test pattern under moving noise, in MPEG-4 at high quality, so that it
     * weighs about 14 MB: a file of several chunks for multipart uploads (two of 8 MiB, three of S3's 5 MiB).
     */
    public static Path large() {
        return sharedFfmpeg("grainy.mp4", "-f", "lavfi", "-i", "testsrc=duration=4:size=640x360:rate=25",
                "-vf", "noise=alls=15:allf=t", "-pix_fmt", "yuv420p", "-c:v", "mpeg4", "-q:v", "2");
    }

    /** {@code tone.wav}: 3 seconds of a 440 Hz tone, 48 kHz mono PCM. */
    public static Path tone() {
        return sharedFfmpeg("tone.wav", "-f", "lavfi", "-i", "sine=frequency=440:duration=3:sample_rate=48000");
    }

    /** {@code face.png}: a 400x300 still image (one frame of the test pattern). */
    public static Path still() {
        return sharedFfmpeg("face.png", "-f", "lavfi", "-i", "testsrc=size=400x300:rate=1", "-frames:v", "1");
    }

    /** A file made once a test run by FFmpeg from the arguments (its inputs and options), under the name. */
    private static Path sharedFfmpeg(String name, String... arguments) {
        return MADE.computeIfAbsent("ffmpeg-" + name, made -> {
            try {
                Path file = Files.createDirectories(directory().resolve(made)).resolve(name);
                String[] withOutput = java.util.Arrays.copyOf(arguments, arguments.length + 1);
                withOutput[arguments.length] = file.toString();
                ffmpeg(withOutput);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * An H.264 video with AAC sound (OpenH264, the bundled FFmpeg's H.264 encoder), 640x360 at 25 fps, made once a
     * test run: what HLS packaging copies without transcoding.
     */
    public static Path h264WithSound(String name, int seconds) {
        return MADE.computeIfAbsent("h264-" + name + "-" + seconds, made -> {
            try {
                Path file = Files.createDirectories(directory().resolve(made)).resolve(name);
                ffmpeg("-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size=640x360:rate=25", "-f", "lavfi",
                        "-i", "sine=duration=" + seconds, "-pix_fmt", "yuv420p", "-c:v", "libopenh264", "-c:a", "aac",
                        file.toString());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * {@code undecodable.mp4}: a real 5-second 640x360 video that ffprobe reads (so it is indexed), but whose video
     * stream claims to be MPEG-5 EVC, for which the bundled FFmpeg has no decoder: it cannot be packaged for HLS.
     * Made from {@link #h264WithSound} by renaming its sample entry {@code avc1} to {@code evc1}.
     */
    public static Path undecodable() {
        return MADE.computeIfAbsent("undecodable", made -> {
            try {
                byte[] bytes = Files.readAllBytes(h264WithSound("source.mp4", 5));
                String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
                int entry = text.indexOf("avc1", text.indexOf("stsd"));
                bytes[entry] = 'e';
                return Files.write(Files.createDirectories(directory().resolve(made)).resolve("undecodable.mp4"), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** How many video frames FFmpeg decodes from the file (ffprobe {@code -count_frames}, which decodes them all). */
    public static int decodedFrames(Path file) throws IOException {
        String output = ffprobe("-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                "stream=nb_read_frames", "-of", "csv=p=0", file.toString());
        // MPEG-TS lists its streams twice (in its program and on their own): the first line is the count
        return Integer.parseInt(output.strip().lines().findFirst().orElseThrow().strip().replace(",", ""));
    }

    /** How many audio streams the file has. */
    public static int audioStreams(Path file) throws IOException {
        return (int) ffprobe("-v", "error", "-select_streams", "a", "-show_entries", "stream=index", "-of", "csv=p=0",
                file.toString()).lines().map(String::strip).filter(line -> !line.isBlank()).distinct().count();
    }

    /** The file's duration in seconds, as ffprobe reads it from the container. */
    public static double duration(Path file) throws IOException {
        return Double.parseDouble(ffprobe("-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).strip());
    }

    private static String ffmpeg(String... arguments) throws IOException {
        return run(org.bytedeco.ffmpeg.ffmpeg.class, List.of("-v", "error", "-y"), arguments);
    }

    private static String ffprobe(String... arguments) throws IOException {
        return run(org.bytedeco.ffmpeg.ffprobe.class, List.of(), arguments);
    }

    private static String run(Class<?> program, List<String> options, String... arguments) throws IOException {
        String executable = Loader.load(program);
        ProcessBuilder command = new ProcessBuilder(executable);
        command.command().addAll(options);
        command.command().addAll(List.of(arguments));
        // the libraries FFmpeg's own libraries load (libva) are found only through the library path
        command.environment().put("LD_LIBRARY_PATH", Path.of(executable).getParent().toString());
        command.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(executable + " failed: " + String.join(" ", arguments));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return output;
    }

    /** Noise under a video's name, made once a test run. */
    public static Path sharedBroken(String name) {
        return MADE.computeIfAbsent("broken-" + name, made -> {
            try {
                return broken(Files.createDirectories(directory().resolve(made)), name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static synchronized Path directory() throws IOException {
        if (directory == null) {
            Path made = Files.createTempDirectory("atrium-test-videos");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(made.toFile())));
            directory = made;
        }
        return directory;
    }

    private static Path directory;

    /** A test-pattern MP4 of the given length, size and frame rate. */
    public static Path testPattern(Path directory, String name, int seconds, int width, int height, int fps)
            throws IOException {
        Path file = directory.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size=" + width + "x" + height + ":rate=" + fps,
                "-pix_fmt", "yuv420p", file.toString());
        return file;
    }

    /** Bytes that are no video at all, under a video's name. */
    public static Path broken(Path directory, String name) throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        return Files.write(directory.resolve(name), noise);
    }
}
