package io.atrium.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A {@code multipart/form-data} body written byte for byte, parts in the order they are added, as an HTTP client
 * writes it. {@code POST /v1.3/tasks} reads the raw body, which MockMvc's own {@code multipart()} builder does not
 * produce (it hands over parsed parts instead).
 */
public final class MultipartForm {

    private static final String BOUNDARY = "atrium-test-7d4f0c2b9e";

    private final String path;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private MultipartForm(String path) {
        this.path = path;
    }

    public static MultipartForm post(String path) {
        return new MultipartForm(path);
    }

    /** The file as the {@code video_file} part, under its own name. */
    public static MockMultipartFile videoFile(Path video) {
        try {
            return videoFile(video.getFileName().toString(), Files.readAllBytes(video));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes as the {@code video_file} part, under the file name. */
    public static MockMultipartFile videoFile(String filename, byte[] content) {
        return new MockMultipartFile("video_file", filename, "video/mp4", content);
    }

    /** The file as the {@code file} part of an asset upload, under its own name. */
    public static MockMultipartFile assetFile(Path file) {
        try {
            return new MockMultipartFile("file", file.getFileName().toString(), "application/octet-stream",
                    Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MultipartForm param(String name, String value) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public MultipartForm file(MockMultipartFile file) {
        write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + file.getName() + "\"; filename=\""
                + file.getOriginalFilename() + "\"\r\nContent-Type: " + file.getContentType() + "\r\n\r\n");
        try {
            body.write(file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("\r\n");
        return this;
    }

    public String path() {
        return path;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    /** The body with its closing boundary. */
    public byte[] body() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(body.toByteArray());
        whole.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return whole.toByteArray();
    }

    /** A MockMvc POST of the body to the path. */
    public MockHttpServletRequestBuilder request() {
        return MockMvcRequestBuilders.post(path).contentType(contentType()).content(body());
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
