package dev.sluice.cli;

import dev.sluice.aws.s3.AwsClientSettings;
import dev.sluice.aws.s3.AwsClients;
import dev.sluice.aws.s3.S3Location;
import dev.sluice.aws.s3.S3Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Upload a local file to S3 (multipart when large), once or whenever it changes.",
                "",
                "With --watch the file is uploaded again each time it changes, once it has stopped changing for"
                        + " one interval (so a file still being written is not sent half-done). Region, endpoint"
                        + " and credentials come from the environment."})
final class UploadCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(index = "0", paramLabel = "FILE", description = "The local file.")
    Path file;

    @Parameters(index = "1", paramLabel = "S3_URI",
            description = "s3://bucket/key, or s3://bucket/prefix/ to keep the file's name.")
    String destination;

    @Option(names = "--watch", description = "Keep running and upload the file again whenever it changes.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "With --watch, how often to look at the file. Default: ${DEFAULT-VALUE}.")
    int intervalSeconds;

    @Option(names = "--max-uploads", paramLabel = "N",
            description = "With --watch, stop after this many uploads (default: until interrupted).")
    Integer maxUploads;

    UploadCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        S3Location target = S3Location.parse(destination.endsWith("/")
                ? destination + file.getFileName() : destination);
        FileState uploaded = FileState.of(file);
        AwsClientSettings settings = AwsClients.settings(console.env(), "S3", null, null);
        try (S3Client s3 = AwsClients.s3(settings, settings.endpoint() != null)) {
            S3Store store = S3Store.of(s3, target.bucket(), "");
            upload(store, target, uploaded);
            int uploads = 1;
            FileState seen = uploaded;
            while (watch && (maxUploads == null || uploads < maxUploads)) {
                Thread.sleep(intervalSeconds * 1000L);
                FileState now = FileState.of(file);
                if (!now.equals(uploaded) && now.equals(seen)) {
                    upload(store, target, now);
                    uploaded = now;
                    uploads++;
                }
                seen = now;
            }
        }
        return ExitCode.OK;
    }

    private void upload(S3Store store, S3Location target, FileState state) throws IOException {
        store.put(target.key(), file);
        console.out().println("Uploaded " + file + " (" + Summary.number(state.size()) + " bytes) to " + target.uri());
        console.out().flush();
    }

    /** What tells one version of the file from the next. */
    private record FileState(long size, long modifiedMillis) {
        static FileState of(Path file) throws IOException {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                if (!a.isRegularFile()) {
                    throw new IllegalArgumentException(file + " is not a regular file");
                }
                return new FileState(a.size(), a.lastModifiedTime().toMillis());
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no such file: " + file);
            }
        }
    }
}
