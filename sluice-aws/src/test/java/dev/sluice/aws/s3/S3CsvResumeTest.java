package dev.sluice.aws.s3;

import dev.sluice.testkit.S3Server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRow;
import dev.sluice.core.record.Header;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The restart contract (as core's {@code RestartContract}, which is not published in a test jar) with the
 * real CsvReader over S3: for every row, a read resumed at its end offset yields exactly the rows after
 * it, and a read resumed at its start offset yields it and the rows after it, with the same positions.
 */
class S3CsvResumeTest {
    private static final String CSV = "\uFEFFid,name,note\r\n"
            + "1,Ann,plain\r\n"
            + "2,Bob,\"two\r\nlines\"\r\n"
            + "\r\n"
            + "3,Cé,\"quoted, comma\"\n"
            + "4,Dee,\"a \"\"quote\"\"\"\n"
            + "5,Eve,last without newline";

    @RegisterExtension
    static final S3Server S3 = new S3Server();

    private final RequestLog log = new RequestLog();
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void setUp() {
        s3 = S3.client(log);
        bucket = S3.newBucket();
    }

    @Test
    void resumingAPlainObjectAtEveryRowBoundaryYieldsExactlyTheRemainingRows() throws IOException {
        S3.put(bucket, "in/users.csv", CSV.getBytes(StandardCharsets.UTF_8));
        S3Source source = S3Source.open(s3, S3Location.parse("s3://" + bucket + "/in/users.csv"));

        verifyRestartContract(source);

        assertThat(log.of("GetObject")).allSatisfy(get -> assertThat(get.range()).isNotNull().startsWith("bytes="));
    }

    @Test
    void resumingAGzipObjectAtEveryRowBoundaryYieldsExactlyTheRemainingRows() throws IOException {
        S3.put(bucket, "in/users.csv.gz", S3SourceTest.gzip(CSV.getBytes(StandardCharsets.UTF_8)));
        S3Source source = S3Source.open(s3, S3Location.parse("s3://" + bucket + "/in/users.csv.gz"));
        assertThat(source.compressed()).isTrue();

        verifyRestartContract(source);
    }

    private static void verifyRestartContract(S3Source source) throws IOException {
        List<CsvRow> full = new ArrayList<>();
        Header header;
        try (CsvReader reader = CsvReader.atStart(source.open(0), source.name(), CsvOptions.DEFAULT)) {
            header = reader.header();
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                full.add(row);
            }
        }
        assertThat(header.names()).containsExactly("id", "name", "note");
        assertThat(full).extracting(r -> r.fields()[0]).containsExactly("1", "2", "3", "4", "5");
        assertThat(full.get(1).fields()[2]).isEqualTo("two\r\nlines");

        for (int i = 0; i < full.size(); i++) {
            CsvRow row = full.get(i);
            assertThat(resume(source, header, row.position().endOffset(), row.nextLine()))
                    .as("resumed after row %d", i + 1).isEqualTo(full.subList(i + 1, full.size()));
            assertThat(resume(source, header, row.position().startOffset(), row.position().line()))
                    .as("resumed at row %d", i + 1).isEqualTo(full.subList(i, full.size()));
        }
    }

    private static List<CsvRow> resume(S3Source source, Header header, long offset, long line) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvReader reader = CsvReader.resume(source.open(offset), source.name(), CsvOptions.DEFAULT, header, offset, line)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
