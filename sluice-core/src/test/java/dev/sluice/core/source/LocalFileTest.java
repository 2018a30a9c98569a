package dev.sluice.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void describesThePlainFile() throws IOException {
        Path path = write("data.csv", bytes(1000));
        LocalFile file = LocalFile.of(path);

        assertThat(file.name()).isEqualTo(path.toString());
        assertThat(file.uri()).isEqualTo(path.toRealPath().toUri().toString()).startsWith("file:///");
        assertThat(file.size()).isEqualTo(1000);
        assertThat(file.version()).isEqualTo("1000-" + Files.getLastModifiedTime(path).toMillis());
        assertThat(file.compressed()).isFalse();
    }

    @Test
    void opensAPlainFileAtAnOffset() throws IOException {
        byte[] content = bytes(300_000);
        LocalFile file = LocalFile.of(write("data.csv", content));

        for (int offset : new int[] {0, 1, 65_536, 299_999, 300_000}) {
            try (InputStream in = file.open(offset)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, offset, content.length));
            }
        }
        assertThatThrownBy(() -> file.open(300_001)).isInstanceOf(EOFException.class)
                .hasMessageEndingWith("cannot open at byte 300001, the file has 300000 bytes");
    }

    /** Seeking is checked with the kernel's count of bytes this process read (Linux only). */
    @Test
    void openingAPlainFileAtAnOffsetDoesNotReadTheSkippedBytes() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "needs /proc/self/io");
        LocalFile file = LocalFile.of(write("big.csv", bytes(32 * MIB)));
        try (InputStream in = file.open(32 * MIB - 10)) {
            in.readAllBytes(); // loads the classes involved before measuring
        }

        long before = bytesReadByThisProcess();
        try (InputStream in = file.open(32 * MIB - 10)) {
            assertThat(in.readAllBytes()).hasSize(10);
        }
        long read = bytesReadByThisProcess() - before;

        assertThat(read).as("bytes read by the process").isLessThan(MIB);
    }

    @Test
    void detectsGzipByItsMagicBytesNotItsName() throws IOException {
        byte[] content = bytes(200_000);
        Path gzipWithoutSuffix = write("data.csv", gzip(content));
        Path plainWithSuffix = write("plain.csv.gz", content);

        LocalFile gz = LocalFile.of(gzipWithoutSuffix);
        assertThat(gz.compressed()).isTrue();
        assertThat(gz.size()).isEqualTo(Files.size(gzipWithoutSuffix));
        assertThat(LocalFile.of(plainWithSuffix).compressed()).isFalse();
        assertThat(LocalFile.of(write("empty.csv", new byte[0])).compressed()).isFalse();
        assertThat(LocalFile.of(write("one-byte.csv", new byte[] {0x1f})).compressed()).isFalse();
    }

    @Test
    void opensAGzipFileAtAnOffsetOfTheDecompressedContent() throws IOException {
        byte[] content = bytes(200_000);
        LocalFile file = LocalFile.of(write("data.csv.gz", gzip(content)));

        for (int offset : new int[] {0, 7, 100_000, 200_000}) {
            try (InputStream in = file.open(offset)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, offset, content.length));
            }
        }
        assertThatThrownBy(() -> file.open(200_001)).isInstanceOf(EOFException.class)
                .hasMessageEndingWith("cannot open at byte 200001, the decompressed file has 200000 bytes");
    }

    @Test
    void theVersionChangesWhenTheModificationTimeDoes() throws IOException {
        Path path = write("data.csv", bytes(100));
        String version = LocalFile.of(path).version();
        assertThat(LocalFile.of(path).version()).isEqualTo(version);

        Files.setLastModifiedTime(path, FileTime.fromMillis(Files.getLastModifiedTime(path).toMillis() + 5_000));

        assertThat(LocalFile.of(path).version()).isNotEqualTo(version);
    }

    @Test
    void aMissingFileOrADirectoryIsAClearError() {
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> LocalFile.of(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> LocalFile.of(dir)).isInstanceOf(IOException.class)
                .hasMessage(dir + ": not a regular file");
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new Random(count).nextBytes(bytes);
        bytes[0] = 'x'; // never gzip's magic by chance
        return bytes;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private static long bytesReadByThisProcess() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring("rchar:".length()).trim());
            }
        }
        throw new IllegalStateException("no rchar in /proc/self/io");
    }
}
