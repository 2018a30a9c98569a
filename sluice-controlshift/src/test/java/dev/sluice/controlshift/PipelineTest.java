package dev.sluice.controlshift;

import dev.sluice.testkit.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What every pipeline test runs against: a fresh PostgreSQL database, a local HTTP server, a spool folder. */
abstract class PipelineTest {
    @RegisterExtension
    final PostgresServer pg = new PostgresServer();
    @RegisterExtension
    final LocalHttp http = new LocalHttp();
    @TempDir
    Path spool;

    Fixture fx;

    @BeforeEach
    void fixture() {
        fx = new Fixture(pg, http, spool);
    }
}
