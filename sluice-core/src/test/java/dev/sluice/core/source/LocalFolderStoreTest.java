package dev.sluice.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderStoreTest {
    @TempDir
    Path dir;

    @Test
    void listsFilesUnderAPrefixSortedWithSizesAndVersions() throws IOException {
        Path folder = dir.resolve("landing");
        write(folder.resolve("b.csv"), "bb");
        write(folder.resolve("a.csv"), "a");
        write(folder.resolve("sub/c.csv"), "ccc");
        write(folder.resolve("subway.csv"), "dddd");
        Files.createDirectories(folder.resolve("empty-dir"));
        Instant mtime = Instant.parse("2026-01-02T03:04:05.678Z");
        Files.setLastModifiedTime(folder.resolve("a.csv"), FileTime.from(mtime));
        LocalFolderStore store = LocalFolderStore.of(folder);

        assertThat(store.list("")).containsExactly(
                new ObjectInfo("a.csv", 1, "1-" + mtime.toEpochMilli(), mtime),
                info(store, "b.csv"), info(store, "sub/c.csv"), info(store, "subway.csv"));
        assertThat(store.list("")).extracting(ObjectInfo::size).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.list("sub")).extracting(ObjectInfo::key).containsExactly("sub/c.csv", "subway.csv");
        assertThat(store.list("sub/")).extracting(ObjectInfo::key).containsExactly("sub/c.csv");
        assertThat(store.list("nothing/")).isEmpty();
        assertThat(store.describe()).isEqualTo(folder.toAbsolutePath().toString());
        assertThat(store.list("a.csv")).singleElement().satisfies(o ->
                assertThat(o.version()).isEqualTo(LocalFile.of(folder.resolve("a.csv")).version()));
    }

    @Test
    void aMissingFolderCannotBeListed() {
        LocalFolderStore store = LocalFolderStore.of(dir.resolve("missing"));
        assertThatThrownBy(() -> store.list("")).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(NoSuchFileException.class).hasMessageContaining("no such folder");
    }

    @Test
    void opensAnObjectForReading() throws IOException {
        write(dir.resolve("in/data.csv"), "a,b\n1,2\n");
        SourceObject object = LocalFolderStore.of(dir).object("in/data.csv");
        assertThat(object.size()).isEqualTo(8);
        try (InputStream in = object.open(4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1,2\n");
        }
        assertThatThrownBy(() -> LocalFolderStore.of(dir).object("in/missing.csv")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void putCopiesAFileInCreatingFoldersAndReplacing() throws IOException {
        Path source = write(dir.resolve("upload.csv"), "x\n1\n");
        Path folder = dir.resolve("store");
        LocalFolderStore store = LocalFolderStore.of(folder);

        store.put("in/2026/upload.csv", source);
        assertThat(folder.resolve("in/2026/upload.csv")).hasContent("x\n1\n");
        write(source, "x\n2\n");
        store.put("in/2026/upload.csv", source);

        assertThat(folder.resolve("in/2026/upload.csv")).hasContent("x\n2\n");
        assertThat(source).exists();
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("in/2026/upload.csv");
        try (var files = Files.list(folder.resolve("in/2026"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("upload.csv"); // no temporary left
        }
        assertThatThrownBy(() -> store.put("x.csv", dir.resolve("missing.csv"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void moveRenamesIntoAnotherFolder() throws IOException {
        write(dir.resolve("in/my file+1.csv"), "a\n");
        write(dir.resolve("done/old.csv"), "old\n");
        LocalFolderStore store = LocalFolderStore.of(dir);

        store.move("in/my file+1.csv", "done/2026/my file+1.csv");
        store.move("done/2026/my file+1.csv", "done/old.csv");

        assertThat(dir.resolve("in/my file+1.csv")).doesNotExist();
        assertThat(dir.resolve("done/old.csv")).hasContent("a\n");
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("done/old.csv");
        assertThatThrownBy(() -> store.move("in/my file+1.csv", "failed/x.csv")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void keysCannotLeaveTheFolder() throws IOException {
        LocalFolderStore store = LocalFolderStore.of(dir.resolve("store"));
        Path outside = write(dir.resolve("secret.csv"), "s\n");
        for (String bad : new String[] {"../secret.csv", "/etc/passwd", "a//b.csv", "a/./b.csv", "a/", ""}) {
            assertThatThrownBy(() -> store.object(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.put(bad, outside)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        Files.createDirectories(dir.resolve("store"));
        assertThatThrownBy(() -> store.list("../")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.move("../secret.csv", "x.csv")).isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).exists();
    }

    private static ObjectInfo info(LocalFolderStore store, String key) throws IOException {
        Path path = Path.of(store.describe()).resolve(key);
        long size = Files.size(path);
        FileTime modified = Files.getLastModifiedTime(path);
        return new ObjectInfo(key, size, size + "-" + modified.toMillis(), modified.toInstant());
    }

    private static Path write(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, content);
    }
}
