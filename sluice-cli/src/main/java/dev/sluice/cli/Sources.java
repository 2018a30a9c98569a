package dev.sluice.cli;

import dev.sluice.aws.s3.AwsClients;
import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.aws.s3.S3Location;
import dev.sluice.aws.s3.S3Source;
import dev.sluice.core.rejects.RejectsFile;
import dev.sluice.core.source.LocalFile;
import dev.sluice.core.source.SourceObject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The file a command reads: a local path, or {@code s3://bucket/key} read by byte ranges (region,
 * endpoint and credentials from the environment, as for any AWS tool; a custom endpoint such as an
 * S3-compatible store is addressed path-style).
 */
final class Sources {
    private Sources() {
    }

    /** An opened source and what it holds open. */
    record Opened(SourceObject source, AutoCloseable client) implements AutoCloseable {
        /** Where rejects go by default: beside a local file, in the state directory for an object in a bucket. */
        Path defaultRejects(Path state) {
            String name = RejectsFile.nameFor(source.name().substring(source.name().lastIndexOf('/') + 1));
            return source instanceof LocalFile
                    ? Path.of(source.name()).toAbsolutePath().resolveSibling(name)
                    : state.resolve("rejects").resolve(name);
        }

        @Override
        public void close() throws Exception {
            if (client != null) {
                client.close();
            }
        }
    }

    /** @param versionId with an {@code s3://} location, the object version to read (null: the newest) */
    static Opened open(Console console, String location, String versionId) {
        if (versionId != null && !location.startsWith("s3://")) {
            throw new IllegalArgumentException("--version-id goes with an s3:// location");
        }
        try {
            if (location.startsWith("s3://")) {
                AwsClientSettings settings = AwsClients.settings(console.env(), "S3", null, null);
                S3Client s3 = AwsClients.s3(settings, settings.endpoint() != null);
                try {
                    return new Opened(S3Source.open(s3, S3Location.parse(location), versionId), s3);
                } catch (IOException | RuntimeException e) {
                    s3.close();
                    throw e;
                }
            }
            return new Opened(LocalFile.of(Path.of(location)), null);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(e.getMessage().contains("no such") ? e.getMessage()
                    : "no such file: " + location);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + location + ": " + e.getMessage());
        }
    }
}
