package dev.sluice.dynamodb.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {

    @Test
    void parsesAttributeAndTemplate() {
        KeyTemplate pk = KeyTemplate.parse("pk=CUST#{customer_id}");
        assertThat(pk.attribute()).isEqualTo("pk");
        assertThat(pk.template()).isEqualTo("CUST#{customer_id}");
        assertThat(pk.columns()).containsExactly("customer_id");
        assertThat(pk.render(Map.of("customer_id", "123")::get)).isEqualTo("CUST#123");

        KeyTemplate sk = KeyTemplate.parse(" sk = {order_date}#{order_id}#{order_date} ");
        assertThat(sk.attribute()).isEqualTo("sk");
        assertThat(sk.template()).isEqualTo("{order_date}#{order_id}#{order_date}");
        assertThat(sk.columns()).containsExactly("order_date", "order_id");
        assertThat(sk.render(Map.of("order_date", "2024-01-02", "order_id", "A7")::get))
                .isEqualTo("2024-01-02#A7#2024-01-02");
    }

    @Test
    void splitsOnTheFirstEqualsSign() {
        KeyTemplate t = KeyTemplate.parse("pk=a={x}");
        assertThat(t.attribute()).isEqualTo("pk");
        assertThat(t.render(Map.of("x", "1")::get)).isEqualTo("a=1");
    }

    @Test
    void placeholdersTakeTheCellAsReadAndColumnNamesExactly() {
        KeyTemplate t = KeyTemplate.parse("pk={first name}/{ id }");
        assertThat(t.columns()).containsExactly("first name", " id ");
        assertThat(t.render(Map.of("first name", " Ann ", " id ", "7")::get)).isEqualTo(" Ann /7");
    }

    @Test
    void doubledBracesAreLiteral() {
        KeyTemplate t = KeyTemplate.parse("pk={{x}}#{x}");
        assertThat(t.columns()).containsExactly("x");
        assertThat(t.render(Map.of("x", "1")::get)).isEqualTo("{x}#1");
    }

    @Test
    void constantTemplatesHaveNoColumns() {
        KeyTemplate t = KeyTemplate.parse("sk=PROFILE");
        assertThat(t.columns()).isEmpty();
        assertThat(t.render(c -> null)).isEqualTo("PROFILE");
    }

    @Test
    void renderRefusesAnEmptyCell() {
        KeyTemplate t = KeyTemplate.parse("pk=CUST#{customer_id}");
        Map<String, String> cells = new HashMap<>();
        assertThatThrownBy(() -> t.render(cells::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'customer_id'").hasMessageContaining("empty");
        cells.put("customer_id", "  ");
        assertThatThrownBy(() -> t.render(cells::get)).hasMessageContaining("'customer_id'");
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> KeyTemplate.parse("pk")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pk'").hasMessageContaining("attribute=template");
        assertThatThrownBy(() -> KeyTemplate.parse("")).hasMessageContaining("empty key template");
        assertThatThrownBy(() -> KeyTemplate.parse(null)).hasMessageContaining("empty key template");
        assertThatThrownBy(() -> KeyTemplate.parse("=CUST#{id}")).hasMessageContaining("attribute name");
        assertThatThrownBy(() -> KeyTemplate.parse("pk=")).hasMessageContaining("template after '=' is empty");
        assertThatThrownBy(() -> KeyTemplate.parse("pk=  ")).hasMessageContaining("template after '=' is empty");
        assertThatThrownBy(() -> KeyTemplate.parse("pk=CUST#{customer_id"))
                .hasMessageContaining("'pk=CUST#{customer_id'").hasMessageContaining("position 6 is never closed");
        assertThatThrownBy(() -> KeyTemplate.parse("pk=CUST#{}")).hasMessageContaining("empty placeholder");
        assertThatThrownBy(() -> KeyTemplate.parse("pk=CUST#}")).hasMessageContaining("no matching '{'");
        assertThatThrownBy(() -> KeyTemplate.parse("pk={a{b}}")).hasMessageContaining("inside the placeholder");
        assertThatThrownBy(() -> new KeyTemplate("", "x")).hasMessageContaining("attribute name is empty");
        assertThatThrownBy(() -> new KeyTemplate("pk", "{")).hasMessageContaining("never closed");
    }

    @Test
    void typesParseInAnyCaseWithAliases() {
        assertThat(DynamoType.parse("s")).isEqualTo(DynamoType.S);
        assertThat(DynamoType.parse(" Ns ")).isEqualTo(DynamoType.NS);
        assertThat(DynamoType.parse("json")).isEqualTo(DynamoType.JSON);
        assertThat(DynamoType.parse("Bool")).isEqualTo(DynamoType.BOOL);
        assertThat(DynamoType.parse("number")).isEqualTo(DynamoType.N);
        assertThat(DynamoType.parse("string")).isEqualTo(DynamoType.S);
        assertThatThrownBy(() -> DynamoType.parse("int")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'int'").hasMessageContaining("S, N, BOOL, NULL, B, JSON, SS, NS, BS");
        assertThatThrownBy(() -> DynamoType.parse(" ")).hasMessageContaining("empty");
        assertThat(DynamoType.parseColumnTypes(List.of("age=N, tags = ss", "zip=S")))
                .containsExactly(Map.entry("age", DynamoType.N), Map.entry("tags", DynamoType.SS),
                        Map.entry("zip", DynamoType.S));
        assertThatThrownBy(() -> DynamoType.parseColumnTypes(List.of("age"))).hasMessageContaining("column=type");
        assertThatThrownBy(() -> DynamoType.parseColumnTypes(List.of("age=N,age=S"))).hasMessageContaining("already");
        assertThatThrownBy(() -> DynamoType.parseColumnTypes(List.of("age=int"))).hasMessageContaining("'int'");
    }

    @Test
    void emptyPoliciesParse() {
        assertThat(EmptyPolicy.parse("omit")).isEqualTo(EmptyPolicy.OMIT);
        assertThat(EmptyPolicy.parse("Empty-String")).isEqualTo(EmptyPolicy.EMPTY_STRING);
        assertThat(EmptyPolicy.parse("empty_string")).isEqualTo(EmptyPolicy.EMPTY_STRING);
        assertThat(EmptyPolicy.parse("NULL")).isEqualTo(EmptyPolicy.NULL);
        assertThat(EmptyPolicy.parse("error")).isEqualTo(EmptyPolicy.ERROR);
        assertThatThrownBy(() -> EmptyPolicy.parse("skip")).hasMessageContaining("omit, empty-string, null, error");
    }

    @Test
    void optionsDefaultsAndWithers() {
        DynamoItemOptions d = DynamoItemOptions.defaults();
        assertThat(d.types()).isEmpty();
        assertThat(d.infer()).isFalse();
        assertThat(d.empty()).isEqualTo(EmptyPolicy.OMIT);
        assertThat(d.keyTemplates()).isEmpty();
        assertThat(d.setDelimiter()).isEqualTo('|');

        DynamoItemOptions o = d.withInfer(true).withEmpty(EmptyPolicy.NULL).withSetDelimiter(';')
                .withTypes(Map.of("age", DynamoType.N)).withKeyTemplate(KeyTemplate.parse("pk=C#{id}"));
        assertThat(o.infer()).isTrue();
        assertThat(o.empty()).isEqualTo(EmptyPolicy.NULL);
        assertThat(o.setDelimiter()).isEqualTo(';');
        assertThat(o.types()).containsEntry("age", DynamoType.N);
        assertThat(o.keyTemplates()).containsOnlyKeys("pk");
        assertThatThrownBy(() -> o.withKeyTemplate(KeyTemplate.parse("pk=X#{id}"))).hasMessageContaining("two templates");
        assertThatThrownBy(() -> d.withKeyTemplates(Map.of("sk", KeyTemplate.parse("pk={id}"))))
                .hasMessageContaining("filed under attribute 'sk'");
    }
}
