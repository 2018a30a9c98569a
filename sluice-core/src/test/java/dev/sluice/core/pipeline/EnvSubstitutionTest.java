package dev.sluice.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvSubstitutionTest {

    private static final Map<String, String> ENV = Map.of("A", "1", "B_2", "two", "EMPTY", "");

    private static String sub(String raw) throws EnvSubstitution.Problem {
        return EnvSubstitution.apply(raw, ENV).value();
    }

    @Test
    void substitutes() throws Exception {
        assertThat(sub("plain")).isEqualTo("plain");
        assertThat(sub("${A}")).isEqualTo("1");
        assertThat(sub("x${A}y${B_2}z")).isEqualTo("x1ytwoz");
        assertThat(EnvSubstitution.apply("${A}-${B_2}", ENV).variables()).containsExactly("A", "B_2");
        assertThat(EnvSubstitution.apply("no refs", ENV).substituted()).isFalse();
    }

    @Test
    void defaults() throws Exception {
        assertThat(sub("${UNSET:-eu-west-1}")).isEqualTo("eu-west-1");
        assertThat(sub("${A:-x}")).isEqualTo("1");
        assertThat(sub("${EMPTY:-x}")).isEqualTo("x");
        assertThat(sub("${EMPTY}")).isEmpty();
        assertThat(sub("${UNSET:-}")).isEmpty();
        assertThat(sub("${UNSET:-a:-b}")).isEqualTo("a:-b");
    }

    @Test
    void escapesAndLoneDollars() throws Exception {
        assertThat(sub("$${A}")).isEqualTo("${A}");
        assertThat(sub("$$${A}")).isEqualTo("$${A}");
        assertThat(sub("$${A}${A}")).isEqualTo("${A}1");
        assertThat(sub("cost $5 $")).isEqualTo("cost $5 $");
        assertThat(sub("$A {A}")).isEqualTo("$A {A}");
        assertThat(EnvSubstitution.apply("$${A}", ENV).substituted()).isFalse();
    }

    @Test
    void problems() {
        assertThatThrownBy(() -> sub("${UNSET}")).hasMessage("environment variable UNSET is not set")
                .extracting(p -> ((EnvSubstitution.Problem) p).variable).isEqualTo("UNSET");
        assertThatThrownBy(() -> sub("${A")).hasMessageStartingWith("'${' without a closing '}'");
        assertThatThrownBy(() -> sub("${}")).hasMessageStartingWith("'${}' is not ${NAME} or ${NAME:-default}");
        assertThatThrownBy(() -> sub("${1A}")).hasMessageStartingWith("'${1A}' is not");
        assertThatThrownBy(() -> sub("${A-b}")).hasMessageStartingWith("'${A-b}' is not");
    }

    @Test
    void names() {
        assertThat(EnvSubstitution.names("${A}x${B:-c}$${D}")).isEqualTo(List.of("A", "B"));
    }

    @Test
    void suggestions() {
        assertThat(Suggestions.closest("bach_size", List.of("batch_size", "endpoint"))).isEqualTo("batch_size");
        assertThat(Suggestions.closest("dynamo", List.of("braze", "dynamodb"))).isEqualTo("dynamodb");
        assertThat(Suggestions.closest("rest_ulr", List.of("rest_url", "api_key"))).isEqualTo("rest_url");
        assertThat(Suggestions.closest("colour", List.of("folder", "bucket"))).isNull();
        assertThat(Suggestions.closest("xyz", List.of("put"))).isNull();
    }
}
