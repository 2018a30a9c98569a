package dev.sluice.core.ledger;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteLedgerTest extends JdbcLedgerContractTest {

    @TempDir
    Path state;

    @Override
    protected JdbcLedger open() {
        return SqliteLedger.open(state);
    }
}
