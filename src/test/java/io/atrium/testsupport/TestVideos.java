package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
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
            throws IOException, InterruptedException {
        Path file = directory.resolve(name);
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        ProcessBuilder command = new ProcessBuilder(ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=duration=" + seconds + ":size=" + width + "x" + height + ":rate=" + fps,
                "-pix_fmt", "yuv420p", file.toString())
                .redirectErrorStream(true);
        // the libraries FFmpeg's own libraries load (libva) are found only through the library path
        command.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg could not make a test video: " + output);
        }
        return file;
    }

    /** Bytes that are no video at all, under a video's name. */
    public static Path broken(Path directory, String name) throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        return Files.write(directory.resolve(name), noise);
    }
}
