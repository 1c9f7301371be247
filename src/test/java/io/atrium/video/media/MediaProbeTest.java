package io.atrium.video.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atrium.testsupport.TestVideos;
import io.atrium.video.VideoContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * FFmpeg reads an upload as one video container and opens nothing else. The files an attacker would name in a
 * playlist or a concat list are canaries: named pipes that report whether anyone opened them, and that would
 * hand over a real video if someone did.
 */
class MediaProbeTest {

    private final MediaProbe probe = new MediaProbe(JsonMapper.builder().build());

    @TempDir
    Path directory;

    @Test
    void aRealVideoIsProbedWithItsContainer() throws Exception {
        Path video = TestVideos.testPattern(directory, "clip.mp4", 4, 640, 360, 25);

        MediaProbe.MediaInfo info = probe.probe(video).orElseThrow();

        assertThat(info.width()).isEqualTo(640);
        assertThat(info.container()).isEqualTo(VideoContainer.MP4);
        assertThat(probe.thumbnail(video, directory.resolve("frame.jpg"), 1.0)).isTrue();
    }

    @Test
    void anHlsPlaylistNamingAnotherFileIsNoVideoAndTheFileIsNeverOpened() throws Exception {
        Canary canary = Canary.serving(directory, TestVideos.testPattern(directory, "victim.ts", 5, 640, 360, 25));
        Path playlist = Files.writeString(directory.resolve("upload.m3u8"), """
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:10
                #EXTINF:5.0,
                %s
                #EXT-X-ENDLIST
                """.formatted(canary.path()));

        assertThat(probe.probe(playlist)).isEmpty();
        assertThat(probe.thumbnail(playlist, directory.resolve("frame.jpg"), 1.0)).isFalse();
        assertThat(canary.opened()).as("the playlist's segment was opened").isFalse();
    }

    @Test
    void aConcatListUnderAVideoNameIsNoVideoAndItsFileIsNeverOpened() throws Exception {
        Canary canary = Canary.serving(directory, TestVideos.testPattern(directory, "victim.ts", 5, 640, 360, 25));
        Path list = Files.writeString(directory.resolve("upload.mp4"),
                "ffconcat version 1.0\nfile " + canary.path().getFileName() + "\n");

        assertThat(probe.probe(list)).isEmpty();
        assertThat(probe.thumbnail(list, directory.resolve("frame.jpg"), 1.0)).isFalse();
        assertThat(canary.opened()).as("the concat list's file was opened").isFalse();
    }

    @Test
    void aTextFileAndAnImageAreNoVideo() throws Exception {
        Path text = Files.writeString(directory.resolve("notes.txt"), "file victim.ts\n");
        Path image = directory.resolve("frame.jpg");
        probe.thumbnail(TestVideos.testPattern(directory, "clip.mp4", 4, 640, 360, 25), image, 1.0);

        assertThat(probe.probe(text)).isEmpty();
        assertThat(probe.probe(image)).as("a single JPEG is read by an image demuxer").isEmpty();
    }

    /** A named pipe that notes when it is opened for reading, then streams the victim's bytes to the reader. */
    private record Canary(Path path, AtomicBoolean wasOpened, CompletableFuture<Void> writer) {

        static Canary serving(Path directory, Path victim) throws IOException, InterruptedException {
            Path fifo = directory.resolve("canary.ts");
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertThat(mkfifo.waitFor()).isZero();
            AtomicBoolean opened = new AtomicBoolean();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                // opening a pipe for writing waits until someone opens it for reading
                try (OutputStream out = Files.newOutputStream(fifo)) {
                    opened.set(true);
                    Files.copy(victim, out);
                } catch (IOException readerWentAway) {
                    // the reader may stop reading early; being opened is what counts
                }
            });
            return new Canary(fifo, opened, writer);
        }

        /** Whether it was opened; afterwards it is opened here once, to let the waiting writer end. */
        boolean opened() throws Exception {
            boolean result = wasOpened.get();
            if (!writer.isDone()) {
                try (var in = Files.newInputStream(path)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                writer.get(10, TimeUnit.SECONDS);
            }
            return result;
        }
    }
}
