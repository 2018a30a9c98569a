package dev.sluice.cli;

import dev.sluice.core.pipeline.Pipeline;
import dev.sluice.core.pipeline.Pipelines;
import dev.sluice.core.pipeline.Source;
import dev.sluice.core.source.LocalFolderStore;
import dev.sluice.core.source.ObjectInfo;
import dev.sluice.core.source.StableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Watch the folders of the pipelines file and import every file that lands there, once.",
                "",
                "A file counts once its size and modification time are unchanged between two looks (so a file"
                        + " still being written waits). Each is imported as 'sluice import FILE --pipeline NAME'"
                        + " would: with the pipeline's ledger, so a file is never imported twice. A finished file"
                        + " (and its rejects file) moves to the pipeline's done/ folder, a file that cannot be"
                        + " imported to failed/; a stopped import stays and resumes at the next look.",
                "",
                "Only folder sources are watched so far; bucket sources are reported and skipped."})
final class ServeCommand implements Callable<Integer> {
    private final Console console;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "sluice.yaml",
            description = "The pipelines file. Default: ${DEFAULT-VALUE}.")
    Path config;

    @Option(names = "--interval", paramLabel = "MILLIS", defaultValue = "2000",
            description = "How often to look at the folders, unless a pipeline sets 'poll'. Default: ${DEFAULT-VALUE}.")
    long intervalMillis;

    @Option(names = "--looks", paramLabel = "N",
            description = "Stop after this many looks (default: run until interrupted).")
    Integer looks;

    ServeCommand(Console console) {
        this.console = console;
    }

    /** One watched folder: its pipeline, the store and what it has seen. */
    private record Watch(Pipeline pipeline, LocalFolderStore store, StableFiles stable) { }

    @Override
    public Integer call() throws InterruptedException, IOException {
        Pipelines pipelines = PipelineSettings.load(config, console);
        List<Watch> watches = new ArrayList<>();
        for (Pipeline pipeline : pipelines.pipelines().values()) {
            if (pipeline.source().folder() == null) {
                console.warn("pipeline '" + pipeline.name() + "': bucket sources are not served yet; skipped");
                continue;
            }
            Files.createDirectories(pipeline.source().folder());
            watches.add(new Watch(pipeline, LocalFolderStore.of(pipeline.source().folder()), new StableFiles()));
            console.out().println("watching " + pipeline.source().folder() + " for pipeline '" + pipeline.name() + "'");
        }
        for (int look = 1; looks == null || look <= looks; look++) {
            for (Watch watch : watches) {
                for (ObjectInfo file : watch.stable().ready(candidates(watch))) {
                    handle(watch, file);
                }
            }
            Thread.sleep(intervalMillis);
        }
        return ExitCode.OK;
    }

    /** Files under the prefix with a wanted suffix, leaving out the done and failed folders and rejects files. */
    private static List<ObjectInfo> candidates(Watch watch) {
        Source source = watch.pipeline().source();
        List<ObjectInfo> files = new ArrayList<>();
        for (ObjectInfo file : watch.store().list(source.prefix())) {
            String key = file.key();
            boolean wanted = source.suffixes().stream().anyMatch(key::endsWith) && !key.endsWith(".rejects.csv");
            if (wanted && !key.startsWith(source.done()) && !key.startsWith(source.failed())) {
                files.add(file);
            }
        }
        return files;
    }

    private void handle(Watch watch, ObjectInfo file) throws IOException {
        Source source = watch.pipeline().source();
        Path path = source.folder().resolve(file.key());
        console.out().println("importing " + path);
        int exit = Main.run(console, "import", path.toString(), "--pipeline", watch.pipeline().name(),
                "--config", config.toString());
        if (exit == ExitCode.STOPPED) {
            watch.stable().retry(file);
            return;
        }
        String folder = exit == ExitCode.USAGE ? source.failed() : source.done();
        watch.store().move(file.key(), folder + file.key());
        String rejects = Sources.rejectsName(file.key());
        if (Files.exists(source.folder().resolve(rejects))) {
            watch.store().move(rejects, folder + rejects);
        }
        console.out().println((exit == ExitCode.USAGE ? "failed: " : "done: ") + path + " → " + folder);
    }
}
