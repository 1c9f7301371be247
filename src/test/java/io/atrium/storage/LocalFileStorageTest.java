package io.atrium.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.atrium.shared.AtriumProperties;

/** The storage contract on local files under the data directory, the default. */
class LocalFileStorageTest extends ObjectStorageContract {

    @TempDir
    Path dataDir;
    LocalFileStorage storage;

    @BeforeEach
    void openStorage() {
        storage = new LocalFileStorage(new AtriumProperties(dataDir, null));
    }

    @Override
    ObjectStorage storage() {
        return storage;
    }

    /** Every file under the objects directory, as a key, so that a left-over {@code .partial} file shows. */
    @Override
    List<String> everythingStored() throws IOException {
        Path objects = dataDir.resolve("objects");
        if (!Files.isDirectory(objects)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).map(f -> objects.relativize(f).toString().replace('\\', '/')).toList();
        }
    }
}
