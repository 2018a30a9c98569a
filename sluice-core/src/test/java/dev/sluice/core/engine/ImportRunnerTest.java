package dev.sluice.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.ledger.InMemoryLedger;
import dev.sluice.core.ledger.JobStatus;
import dev.sluice.core.ledger.Ledger;
import dev.sluice.core.ledger.SqliteLedger;
import dev.sluice.core.record.Value;
import dev.sluice.core.source.LocalFile;
import dev.sluice.core.typing.RowTyper;
import dev.sluice.core.typing.TypingOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportRunnerTest {

    @TempDir
    Path dir;

    /** id,note: a note "skip" skips the row, a note "reject" rejects it. */
    private static final TransformFactory<TestItem> TRANSFORMS = header -> new PreparedTransform<>(
            new RowTyper(header, TypingOptions.defaults().withStringColumns(java.util.Set.of("id"))),
            record -> {
                Value note = record.get("note");
                if (note instanceof Value.Str s && s.value().equals("skip")) {
                    return TransformResult.skip("asked to skip");
                }
                if (note instanceof Value.Str s && s.value().equals("reject")) {
                    return TransformResult.reject("note", "asked to reject");
                }
                return TransformResult.emit(TestItem.of(record));
            });

    private Path csv(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String rows(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "u" + i + ",n" + i + "\n").collect(Collectors.joining());
    }

    private ImportJob<TestItem> job(Path file, boolean force, ManualStart start) throws IOException {
        return new ImportJob<>(LocalFile.of(file), CsvOptions.DEFAULT, "test-destination", TRANSFORMS,
                dir.resolve(file.getFileName() + ".rejects.csv"), force, start, Duration.ofSeconds(5));
    }

    private JobResult run(Path file, Ledger ledger, Sink<TestItem> sink) throws Exception {
        return new ImportRunner<>(job(file, false, null), ledger, sink).run();
    }

    @Test
    void countsReconcileAndRejectedRowsAreKeptWithLineAndReason() throws Exception {
        Path file = csv("mixed.csv", "id,note\nu1,a\nu2,skip\nu3,reject\nu4\nu5,\"open\n");
        ScriptedSink sink = ScriptedSink.acceptingAll(75);
        JobResult result = run(file, new InMemoryLedger(), sink);

        assertThat(result.status()).isEqualTo(JobResult.Status.COMPLETED);
        assertThat(result.counts().read()).isEqualTo(5);
        assertThat(result.counts().accepted()).isEqualTo(1);
        assertThat(result.counts().skipped()).isEqualTo(1);
        assertThat(result.counts().rejected()).isEqualTo(3);
        assertThat(result.counts().reconciles()).isTrue();
        assertThat(sink.keysWritten()).containsExactly("u1");
        List<String> rejects = Files.readAllLines(result.rejectsFile());
        assertThat(rejects.get(0)).isEqualTo("line,column,reason,original");
        assertThat(rejects.get(1)).startsWith("4,note,asked to reject,");
        assertThat(rejects.get(2)).isEqualTo("5,,\"the row has 1 fields, the header has 2\",u4");
        assertThat(rejects.get(3)).startsWith("6,,");
    }

    @Test
    void batchesFollowTheSinkLimitsAndEveryRowIsSentOnceInOrder() throws Exception {
        Path file = csv("many.csv", "id,note\n" + rows(1, 1000));
        ScriptedSink sink = ScriptedSink.acceptingAll(75);
        JobResult result = run(file, new InMemoryLedger(), sink);

        assertThat(result.counts().accepted()).isEqualTo(1000);
        assertThat(sink.written).hasSize(14);
        assertThat(sink.written).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(75));
        assertThat(sink.keysWritten()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 1000).mapToObj(i -> "u" + i).toList());
        assertThat(result.checkpointOffset()).isEqualTo(Files.size(file));
    }

    @Test
    void theCheckpointOnlyCoversTheFinishedPrefixWhenBatchesFinishOutOfOrder() throws Exception {
        Path file = csv("order.csv", "id,note\n" + rows(1, 40));
        List<CompletableFuture<List<Outcome>>> answers = Collections.synchronizedList(new ArrayList<>());
        ScriptedSink sink = new ScriptedSink(new SinkLimits(10, 1 << 20), 4, items -> {
            CompletableFuture<List<Outcome>> f = new CompletableFuture<>();
            answers.add(f);
            return f;
        });
        try (Ledger ledger = SqliteLedger.open(dir.resolve("state"))) {
            ImportRunner<TestItem> runner = new ImportRunner<>(job(file, false, null), ledger, sink);
            CompletableFuture<JobResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            awaitSize(answers, 4);
            // batches 2, 3 and 4 finish; batch 1 never does, then the job is asked to stop
            for (int i = 1; i < 4; i++) {
                answers.get(i).complete(Collections.nCopies(10, Outcome.ACCEPTED));
            }
            runner.requestStop("test stop");
            JobResult result = running.get();
            assertThat(result.status()).isEqualTo(JobResult.Status.STOPPED);
            assertThat(result.checkpointOffset()).isZero();
            assertThat(result.counts().read()).isZero();
            answers.get(0).complete(Collections.nCopies(10, Outcome.ACCEPTED));
        }
    }

    @Test
    void aSinkFailureStopsTheJobAndTheSameCommandResumesWithOnlyTheUnfinishedRows() throws Exception {
        Path file = csv("fail.csv", "id,note\n" + rows(1, 100));
        AtomicInteger calls = new AtomicInteger();
        ScriptedSink failing = new ScriptedSink(new SinkLimits(10, 1 << 20), 1, items -> calls.incrementAndGet() == 4
                ? CompletableFuture.failedFuture(new SinkStoppedException("401: bad key"))
                : CompletableFuture.completedFuture(Collections.nCopies(items.size(), Outcome.ACCEPTED)));
        Path state = dir.resolve("state");
        try (Ledger ledger = SqliteLedger.open(state)) {
            JobResult first = run(file, ledger, failing);
            assertThat(first.status()).isEqualTo(JobResult.Status.STOPPED);
            assertThat(first.message()).contains("401: bad key");
            assertThat(first.counts().accepted()).isEqualTo(30);
            assertThat(ledger.recent(1).get(0).status()).isEqualTo(JobStatus.STOPPED);
        }
        ScriptedSink healthy = ScriptedSink.acceptingAll(10);
        try (Ledger ledger = SqliteLedger.open(state)) {
            JobResult second = run(file, ledger, healthy);
            assertThat(second.status()).isEqualTo(JobResult.Status.COMPLETED);
            assertThat(second.resumed()).isTrue();
            assertThat(healthy.keysWritten()).containsExactlyElementsOf(
                    IntStream.rangeClosed(31, 100).mapToObj(i -> "u" + i).toList());
            assertThat(second.counts().read()).isEqualTo(100);
            assertThat(second.counts().accepted()).isEqualTo(100);
        }
    }

    @Test
    void aCompletedFileIsRefusedUnlessForced() throws Exception {
        Path file = csv("once.csv", "id,note\n" + rows(1, 5));
        try (Ledger ledger = SqliteLedger.open(dir.resolve("state"))) {
            assertThat(run(file, ledger, ScriptedSink.acceptingAll(75)).status()).isEqualTo(JobResult.Status.COMPLETED);
            ScriptedSink again = ScriptedSink.acceptingAll(75);
            JobResult refused = run(file, ledger, again);
            assertThat(refused.status()).isEqualTo(JobResult.Status.ALREADY_IMPORTED);
            assertThat(refused.message()).contains("--force");
            assertThat(again.written).isEmpty();
            ScriptedSink forced = ScriptedSink.acceptingAll(75);
            JobResult result = new ImportRunner<>(job(file, true, null), ledger, forced).run();
            assertThat(result.status()).isEqualTo(JobResult.Status.COMPLETED);
            assertThat(forced.keysWritten()).hasSize(5);
        }
    }

    @Test
    void rowsOfOneKeyAreNeverInTwoBatchesInFlightAtOnce() throws Exception {
        StringBuilder content = new StringBuilder("id,note\n");
        for (int i = 0; i < 200; i++) {
            content.append("same,").append(i).append('\n');
        }
        Path file = csv("same.csv", content.toString());
        List<CompletableFuture<List<Outcome>>> answers = Collections.synchronizedList(new ArrayList<>());
        ScriptedSink sink = new ScriptedSink(new SinkLimits(10, 1 << 20), 8, items -> {
            CompletableFuture<List<Outcome>> f = CompletableFuture.supplyAsync(
                    () -> Collections.nCopies(items.size(), Outcome.ACCEPTED),
                    CompletableFuture.delayedExecutor(5, java.util.concurrent.TimeUnit.MILLISECONDS));
            answers.add(f);
            return f;
        });
        JobResult result = run(file, new InMemoryLedger(), sink);
        assertThat(result.counts().accepted()).isEqualTo(200);
        assertThat(sink.maxObservedInFlight.get()).isEqualTo(1);
        List<String> notes = sink.written.stream().flatMap(List::stream)
                .map(item -> ((Value.Int) item.record().get("note")).value() + "").toList();
        assertThat(notes).containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> i + "").toList());
    }

    @Test
    void emptyAndHeaderOnlyFilesEndCleanlyWithNoRows() throws Exception {
        for (String content : new String[] {"", "id,note\n", "\uFEFFid,note\r\n"}) {
            Path file = csv("empty" + content.length() + ".csv", content);
            ScriptedSink sink = ScriptedSink.acceptingAll(75);
            JobResult result = run(file, new InMemoryLedger(), sink);
            assertThat(result.status()).isEqualTo(JobResult.Status.COMPLETED);
            assertThat(result.counts().read()).isZero();
            assertThat(sink.written).isEmpty();
        }
    }

    @Test
    void aManualStartMustBeAtALineStartAndAtOffsetZeroNeverSendsTheHeader() throws Exception {
        Path file = csv("manual.csv", "id,note\nu1,a\nu2,b\n");
        ScriptedSink sink = ScriptedSink.acceptingAll(75);
        JobResult inside = new ImportRunner<>(job(file, false, new ManualStart(10, List.of("id", "note"))),
                new InMemoryLedger(), sink).run();
        assertThat(inside.status()).isEqualTo(JobResult.Status.INVALID);
        assertThat(inside.message()).contains("not at the start of a line");

        JobResult fromZero = new ImportRunner<>(job(file, false, new ManualStart(0, List.of("id", "note"))),
                new InMemoryLedger(), sink).run();
        assertThat(fromZero.counts().accepted()).isEqualTo(2);
        assertThat(sink.keysWritten()).containsExactly("u1", "u2");

        ScriptedSink second = ScriptedSink.acceptingAll(75);
        JobResult fromLine3 = new ImportRunner<>(job(file, false, new ManualStart(13, List.of("id", "note"))),
                new InMemoryLedger(), second).run();
        assertThat(second.keysWritten()).containsExactly("u2");
        assertThat(fromLine3.checkpointOffset()).isEqualTo(Files.size(file));

        JobResult wrongHeader = new ImportRunner<>(job(file, false, new ManualStart(0, List.of("a", "b"))),
                new InMemoryLedger(), ScriptedSink.acceptingAll(75)).run();
        assertThat(wrongHeader.status()).isEqualTo(JobResult.Status.INVALID);
    }

    @Test
    void rejectsWrittenPastTheCheckpointAreCutOffOnResume() throws Exception {
        // batch 1 (u1..u10 plus a rejected row) commits; batch 2 fails; the resume must not list line 3 twice
        StringBuilder content = new StringBuilder("id,note\nu0,reject\n").append(rows(1, 20));
        Path file = csv("rejects.csv", content.toString());
        AtomicInteger calls = new AtomicInteger();
        ScriptedSink failing = new ScriptedSink(new SinkLimits(10, 1 << 20), 1, items -> calls.incrementAndGet() == 2
                ? CompletableFuture.failedFuture(new SinkStoppedException("boom"))
                : CompletableFuture.completedFuture(Collections.nCopies(items.size(), Outcome.ACCEPTED)));
        Path state = dir.resolve("state");
        try (Ledger ledger = SqliteLedger.open(state)) {
            run(file, ledger, failing);
        }
        try (Ledger ledger = SqliteLedger.open(state)) {
            JobResult result = run(file, ledger, ScriptedSink.acceptingAll(10));
            assertThat(result.counts().rejected()).isEqualTo(1);
            assertThat(Files.readAllLines(result.rejectsFile())).hasSize(2);
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }
}
