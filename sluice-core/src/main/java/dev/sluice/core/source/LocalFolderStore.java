package dev.sluice.core.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A local folder as an {@link ObjectStore}. A key is the file's path relative to the folder with '/'
 * between segments; a key may not leave the folder (no {@code .} or {@code ..} segments, no empty
 * ones, no leading '/'). A version is size-mtimeMillis, as {@link LocalFile#version()}.
 *
 * <p>{@link #put} copies into a hidden temporary file beside the target ({@code .sluice-put-*.tmp},
 * which {@link #list} leaves out) and renames it into place, so that a watcher of the folder never
 * sees a half-written file. {@link #move} is a rename, atomic within one file system.
 */
public final class LocalFolderStore implements ObjectStore {
    private static final String TEMP_PREFIX = ".sluice-put-";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path folder;

    private LocalFolderStore(Path folder) {
        this.folder = folder;
    }

    /** The folder need not exist yet: {@link #list} fails while it does not, {@link #put} creates it. */
    public static LocalFolderStore of(Path folder) {
        return new LocalFolderStore(folder.toAbsolutePath().normalize());
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!Files.isDirectory(folder)) {
            throw new UncheckedIOException(new NoSuchFileException(folder.toString(), null, "no such folder"));
        }
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? folder : resolve(prefix.substring(0, slash), "prefix " + prefix);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<ObjectInfo> found = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    String name = file.getFileName().toString();
                    if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                        return FileVisitResult.CONTINUE;
                    }
                    BasicFileAttributes a = attributes;
                    if (a.isSymbolicLink()) {
                        try {
                            a = Files.readAttributes(file, BasicFileAttributes.class);
                        } catch (NoSuchFileException e) {
                            return FileVisitResult.CONTINUE; // a dangling link
                        }
                    }
                    String key = key(file);
                    if (a.isRegularFile() && key.startsWith(prefix)) {
                        long modified = a.lastModifiedTime().toMillis();
                        found.add(new ObjectInfo(key, a.size(), a.size() + "-" + modified, a.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // removed while we listed
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot list: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public SourceObject object(String key) throws IOException {
        return LocalFile.of(resolve(key, "key"));
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = resolve(key, "key");
        if (!Files.isRegularFile(file)) {
            throw Files.exists(file) ? new IOException(file + ": not a regular file")
                    : new NoSuchFileException(file.toString(), null, "no such file");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, TEMP_PREFIX, TEMP_SUFFIX);
        try {
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            rename(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    @Override
    public void move(String fromKey, String toKey) throws IOException {
        Path from = resolve(fromKey, "key");
        Path to = resolve(toKey, "key");
        if (!Files.isRegularFile(from)) {
            throw new NoSuchFileException(from.toString(), null, "no such file");
        }
        if (from.equals(to)) {
            return;
        }
        Files.createDirectories(to.getParent());
        rename(from, to);
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String key(Path file) {
        Path relative = folder.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path segment : relative) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(segment);
        }
        return key.toString();
    }

    /** The path of a key (or of a prefix's folder part), refusing one that would leave the folder. */
    private Path resolve(String key, String what) {
        Objects.requireNonNull(key, what);
        if (key.isEmpty() || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(folder + ": bad " + what + " '" + key + "'");
        }
        Path path = folder;
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(folder + ": bad " + what + " '" + key
                        + "': keys are relative paths with '/' between names, without empty, '.' or '..' parts");
            }
            path = path.resolve(segment);
        }
        return path;
    }
}
