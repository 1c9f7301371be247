package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/atrium.jar}, made by {@code package}) run as people deploy it: {@code java -jar}
 * in a process of its own, here on a free port and a data directory the test chooses. Integration tests
 * ({@code *IT}, run by Failsafe after {@code package}) use it for what only a separate process shows, such as
 * what survives the process being killed.
 */
public final class PackagedServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar on the data directory (and otherwise its own defaults: the embedded H2 database there) and
     * waits until it is ready. Its output is appended to {@code server.log} beside the data directory.
     */
    public static PackagedServer start(Path dataDir, String... arguments) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("atrium.jar", "target/atrium.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run `./mvnw package` first (or `./mvnw verify`)");
        }
        int port = freePort();
        Path log = dataDir.toAbsolutePath().getParent().resolve("server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--server.port=" + port, "--atrium.data-dir=" + dataDir.toAbsolutePath()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        PackagedServer server = new PackagedServer(process, port, log);
        server.awaitReady();
        return server;
    }

    public int port() {
        return port;
    }

    /**
     * Kills the process with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux), as a crash or
     * {@code kill -9} would: no shutdown hook, no graceful close of the database. Returns once it is gone.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The server did not die within 30 s of SIGKILL");
        }
    }

    /** The exit status the process ended with (137 after SIGKILL). */
    public int exitValue() {
        return process.exitValue();
    }

    /** Asks the server to shut down as an operator would (SIGTERM), for the end of a test. */
    public void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + " before it was ready:\n"
                        + logTail());
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens only once the application has started
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The server was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
