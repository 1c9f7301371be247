package io.atrium.compat;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.TestVideos;

/**
 * The official TwelveLabs JavaScript SDK ({@code twelvelabs-js}, the version pinned in
 * {@code compat/twelvelabs-js/package-lock.json}) runs {@code check.mjs} against this server, pointed at it only by
 * {@code TWELVELABS_BASE_URL}: indexes, an upload and its task, video lists and filters, metadata, deletions and
 * the SDK's errors ({@code check.mjs}); the upload flow of its README, assets and indexed assets, and entity
 * collections, and a multipart upload through the SDK's own {@code uploadFile} ({@code assets.mjs}). Needs Node.js 18 or newer and npm; {@code .ci/run} installs them.
 */
@ServerTest
@TestPropertySource(properties = {"atrium.jobs.poll-interval=200ms",
        // the README flow's URL upload is served from this machine
        "atrium.videos.download.allowed-addresses=127.0.0.1/32",
        // a multipart upload of the README flow goes in several chunks
        "atrium.assets.multipart.chunk-size=2MB"})
class TwelveLabsSdkCompatibilityTest {

    private static final Path CHECK_DIRECTORY = Path.of("compat", "twelvelabs-js").toAbsolutePath();

    @LocalServerPort
    int port;

    @TempDir
    Path workDirectory;

    @Test
    void theOfficialJavaScriptSdkCreatesUploadsListsFiltersUpdatesAndDeletesUnchanged() throws Exception {
        Path video = TestVideos.testPattern(workDirectory, "harbor-tour.mp4", 5, 640, 360, 25);
        Run check = runScript("check.mjs", Map.of("ATRIUM_COMPAT_VIDEO", video.toString()));

        assertThat(check.exitCode()).as("node check.mjs exited with %d:%n%s", check.exitCode(), check.output()).isZero();
        assertThat(check.output()).contains("OK: twelvelabs-js works against this server unchanged.");
    }

    @Test
    void theOfficialJavaScriptSdkRunsItsReadmeUploadFlowOfAssetsAndIndexedAssets() throws Exception {
        Path video = TestVideos.testPattern(workDirectory, "pier-walk.mp4", 5, 640, 360, 25);
        HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/pier-walk.mp4", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, Files.size(video));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(video, body);
            }
        });
        files.start();
        try {
            Run check = runScript("assets.mjs", Map.of("ATRIUM_COMPAT_VIDEO", video.toString(),
                    "ATRIUM_COMPAT_IMAGE", TestVideos.still().toString(),
                    "ATRIUM_COMPAT_LARGE_VIDEO", TestVideos.large().toString(),
                    "ATRIUM_COMPAT_VIDEO_URL", "http://127.0.0.1:" + files.getAddress().getPort() + "/pier-walk.mp4"));

            assertThat(check.exitCode()).as("node assets.mjs exited with %d:%n%s", check.exitCode(), check.output())
                    .isZero();
            assertThat(check.output()).contains("OK: twelvelabs-js uploads and indexes assets against this server unchanged.");
        } finally {
            files.stop(0);
        }
    }

    /** Runs a check script with the SDK pointed at this server and a new user's key, and the given environment. */
    private Run runScript(String script, Map<String, String> environment) throws Exception {
        requireTool("node", "Node.js");
        installPinnedSdk();
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signUp("SDK User", uniqueEmail("sdk"), PASSWORD);
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("TWELVELABS_BASE_URL", "http://localhost:" + port + "/v1.3");
        all.put("TWELVE_LABS_API_KEY", ApiKeys.create(visitor, "twelvelabs-js"));
        return run(List.of("node", script), all, 180);
    }

    /** {@code npm ci} from the committed lock file, when node_modules is missing or older than the lock. */
    private void installPinnedSdk() throws Exception {
        Path installed = CHECK_DIRECTORY.resolve("node_modules/.package-lock.json");
        Path lock = CHECK_DIRECTORY.resolve("package-lock.json");
        if (Files.exists(installed)
                && !Files.getLastModifiedTime(installed).toInstant().isBefore(Files.getLastModifiedTime(lock).toInstant())) {
            return;
        }
        requireTool("npm", "npm");
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 600);
        assertThat(install.exitCode()).as("npm ci in %s exited with %d:%n%s", CHECK_DIRECTORY, install.exitCode(),
                install.output()).isZero();
    }

    /** A missing tool fails the test: skipping would let the suite pass without checking compatibility. */
    private void requireTool(String command, String name) throws Exception {
        try {
            Run version = run(List.of(command, "--version"), Map.of(), 60);
            assertThat(version.exitCode()).as("%s --version: %s", command, version.output()).isZero();
        } catch (IOException notInstalled) {
            fail(name + " is needed for the TwelveLabs SDK compatibility check but `" + command + "` is not on the"
                    + " PATH. Install Node.js 18+ and npm (Debian: apt-get install nodejs npm; .ci/run does this).",
                    notInstalled);
        }
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs a command in the check's directory, its output (stdout and stderr together) kept in a file. */
    private Run run(List<String> command, Map<String, String> environment, long timeoutSeconds) throws Exception {
        Path output = Files.createTempFile(workDirectory, "process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(CHECK_DIRECTORY.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
