package dev.sluice.controlshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlshift.catalog.ControlShiftCatalog;
import dev.sluice.postgres.load.ColumnDef;
import dev.sluice.postgres.load.TableDef;
import dev.sluice.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bundled ControlShift schema (slate 2024-10-16) as PostgreSQL table definitions. */
class CatalogTest {
    @RegisterExtension
    final PostgresServer pg = new PostgresServer();

    private final ControlShiftCatalog catalog = ControlShiftCatalog.bundled();

    @Test
    void allSixtyThreeTablesAreReadWithTheirColumnsInTheDdlOrder() {
        assertThat(catalog.tableNames()).hasSize(63).contains("signatures", "members", "unsubscribes", "export_download_logs");
        List<ColumnDef> members = catalog.columns("members").orElseThrow();
        assertThat(members.get(0)).isEqualTo(new ColumnDef("email", "text", true));
        // 2024 moved id to the end of members: loads map by name, never by position
        assertThat(members.get(members.size() - 1)).isEqualTo(new ColumnDef("id", "bigint", true));
        assertThat(type("locations", "latitude")).isEqualTo("numeric(13,10)");
        assertThat(type("signatures", "recaptcha_score")).isEqualTo("numeric(3,2)");
        assertThat(type("campaign_admins", "created_at")).isEqualTo("timestamp(6) without time zone");
        assertThat(type("export_download_logs", "data_export_id")).isEqualTo("bigint");
        assertThat(catalog.tableNames().stream().flatMap(t -> catalog.columns(t).orElseThrow().stream()).map(ColumnDef::sqlType))
                .noneMatch(t -> t.contains("max"));
    }

    @Test
    void everyTableIsValidPostgresqlKeyedOnId() throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA controlshift");
            for (String name : catalog.tableNames()) {
                TableDef table = catalog.tableDef(name, "controlshift", name, List.of());
                assertThat(table.key()).containsExactly("id");
                s.execute("CREATE TABLE controlshift.\"" + name + "\" (" + table.columns().stream()
                        .map(col -> "\"" + col.name() + "\" " + col.sqlType()).collect(Collectors.joining(", ")) + ")");
            }
            try (var r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'controlshift'")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(63);
            }
        }
    }

    @Test
    void aTableNewerThanTheSnapshotIsDescribedFromTheFileHeader() {
        TableDef table = catalog.tableDef("brand_new_things", "cs", "things", List.of("id", "label", "end"));

        assertThat(table.schema()).isEqualTo("cs");
        assertThat(table.name()).isEqualTo("things");
        assertThat(table.columns()).extracting(ColumnDef::name).containsExactly("id", "label", "end");
        assertThat(table.columns()).extracting(ColumnDef::sqlType).containsOnly("text");
        assertThat(table.key()).containsExactly("id");
        assertThat(catalog.tableDef("no_id_here", "cs", "x", List.of("a")).key()).isEmpty();
    }

    private String type(String table, String column) {
        return catalog.columns(table).orElseThrow().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow().sqlType();
    }
}
