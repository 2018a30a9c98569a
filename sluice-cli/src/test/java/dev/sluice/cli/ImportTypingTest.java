package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What arrives in Braze is what the file says: a BOM does not hide the identifier column,
 * identifiers, phone numbers, ids beyond 64 bits and leading zeros stay strings, numbers, booleans
 * and list literals are typed, and the null token unsets an attribute (braze.md 5, regressions 1, 2).
 */
class ImportTypingTest {
    @RegisterExtension
    final CliHarness cli = CliHarness.perTest();

    @Test
    void bomHeaderAndValuesArriveTypedWithoutCorruption() {
        Path file = CliHarness.write(cli.dir().resolve("typed.csv"),
                "\uFEFFexternal_id,phone,big_id,zip,count,ratio,vip,tags,colors,scores,nickname\n"
                        + "123,15551234567,12345678901234567890,02134,42,2.5,true,\"['a', 'b']\",\"[\"\"x\"\",\"\"y\"\"]\","
                        + "\"[1, 2.5]\",Zed\n"
                        + "u2,15550000000,00012,00501,-7,-0.25,FALSE,[],\"[\"\"only\"\"]\",[0],Amy\n");

        CliHarness.Result run = cli.importJson(file);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(cli.sandbox().user("external_id")).as("the BOM header is not a user").isEmpty();
        Map<String, Object> user = cli.sandbox().user("123").orElseThrow(() -> new AssertionError(
                "numeric external_id 123 should arrive as the string \"123\"; users: " + cli.sandbox().stats()));
        assertThat(user.get("external_id")).isEqualTo("123");
        assertThat(user.get("phone")).as("a phone number stays a string").isEqualTo("15551234567");
        assertThat(user.get("big_id")).as("an id beyond 64 bits stays a string").isEqualTo("12345678901234567890");
        assertThat(user.get("zip")).as("a leading zero stays").isEqualTo("02134");
        assertThat(user.get("count")).isEqualTo(42L);
        assertThat(user.get("ratio")).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) user.get("ratio")).isEqualByComparingTo("2.5");
        assertThat(user.get("vip")).isEqualTo(true);
        assertThat(user.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(user.get("colors")).isEqualTo(List.of("x", "y"));
        assertThat(user.get("scores")).isInstanceOf(List.class);
        List<?> scores = (List<?>) user.get("scores");
        assertThat(scores).hasSize(2);
        assertThat(scores.get(0)).isEqualTo(1L);
        assertThat((BigDecimal) scores.get(1)).isEqualByComparingTo("2.5");
        assertThat(user.get("nickname")).isEqualTo("Zed");

        Map<String, Object> u2 = cli.sandbox().user("u2").orElseThrow();
        assertThat(u2.get("big_id")).isEqualTo("00012");
        assertThat(u2.get("zip")).isEqualTo("00501");
        assertThat(u2.get("count")).isEqualTo(-7L);
        assertThat((BigDecimal) u2.get("ratio")).isEqualByComparingTo("-0.25");
        assertThat(u2.get("vip")).isEqualTo(false);
        assertThat(u2.get("tags")).isEqualTo(List.of());
        assertThat(u2.get("colors")).isEqualTo(List.of("only"));
        assertThat(u2.get("scores")).isEqualTo(List.of(0L));
    }

    @Test
    void nullTokenUnsetsAnAttributeSentBefore() {
        Path first = CliHarness.write(cli.dir().resolve("first.csv"),
                "external_id,nickname,plan\nu1,Zed,gold\nu2,Amy,silver\n");
        Path second = CliHarness.write(cli.dir().resolve("second.csv"),
                "external_id,nickname,plan\nu1,null,platinum\nu2,NULL,\n");

        assertThat(cli.importJson(first).exitCode()).isZero();
        assertThat(cli.sandbox().user("u1").orElseThrow()).containsEntry("nickname", "Zed");

        CliHarness.Result run = cli.importJson(second);

        assertThat(run.exitCode()).as("%s", run).isZero();
        Map<String, Object> u1 = cli.sandbox().user("u1").orElseThrow();
        assertThat(u1).as("null unsets").doesNotContainKey("nickname");
        assertThat(u1).containsEntry("plan", "platinum");
        Map<String, Object> u2 = cli.sandbox().user("u2").orElseThrow();
        assertThat(u2).as("the null token in any case unsets").doesNotContainKey("nickname");
        assertThat(u2).as("an empty cell leaves the attribute alone").containsEntry("plan", "silver");
    }

    @Test
    void explicitTypeOverridesInference() {
        Path file = CliHarness.write(cli.dir().resolve("cast.csv"),
                "external_id,code,level,flag\nu1,2398,007,1\nu2,12,4.23,0\n");

        CliHarness.Result run = cli.importJson(file, "--type", "code=string,level=int", "--type", "flag=bool");

        assertThat(run.exitCode()).as("an int column never truncates 4.23: that row is rejected; %s", run).isEqualTo(1);
        Map<String, Object> u1 = cli.sandbox().user("u1").orElseThrow();
        assertThat(u1).containsEntry("code", "2398").containsEntry("level", 7L).containsEntry("flag", true);
        assertThat(cli.sandbox().user("u2")).isEmpty();
        assertThat(CliHarness.read(cli.dir().resolve("cast.rejects.csv"))).contains("3,level,");
    }
}
