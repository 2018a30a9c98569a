package dev.sluice.dynamodb.item;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DynamoNumbersTest {

    static final String DIGITS_38 = "12345678901234567890123456789012345678";
    static final String DIGITS_39 = DIGITS_38 + "9";

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "34", "007", "1e5", "+5", "1.", "-.5", "00012.3400", ".5", "1E+0005", "0e999",
            "9.9999999999999999999999999999999999999E+125", "1E-130", "-1E-130", "1" + "0000000000000000000000000000000000000000",
            DIGITS_38, DIGITS_38 + "000", "0.000" + DIGITS_38, "1234567890123456789012345678901234567.8"})
    void acceptsWhatDynamoDbAccepts(String n) {
        assertThat(DynamoNumbers.size(n)).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {" 5", "5 ", "1,000", "0x10", "NaN", "Infinity", "-Infinity", "abc", "", "-", "+", ".", "1e",
            "1e+", "e5", "1.2.3", "--5", "1e5.5", "0E+99999999999", "١٢"})
    void refusesWhatIsNotANumber(String n) {
        assertThat(DynamoNumbers.size(n)).isEqualTo(DynamoNumbers.NOT_A_NUMBER);
    }

    @Test
    void refusesPrecisionAndRange() {
        assertThat(DynamoNumbers.size(DIGITS_39)).isEqualTo(DynamoNumbers.TOO_PRECISE);
        assertThat(DynamoNumbers.size("0." + DIGITS_39)).isEqualTo(DynamoNumbers.TOO_PRECISE);
        assertThat(DynamoNumbers.size("1E+126")).isEqualTo(DynamoNumbers.OVERFLOW);
        assertThat(DynamoNumbers.size("-1E+126")).isEqualTo(DynamoNumbers.OVERFLOW);
        assertThat(DynamoNumbers.size("10E+125")).isEqualTo(DynamoNumbers.OVERFLOW);
        assertThat(DynamoNumbers.size("1E-131")).isEqualTo(DynamoNumbers.UNDERFLOW);
        assertThat(DynamoNumbers.size("0.1E-130")).isEqualTo(DynamoNumbers.UNDERFLOW);
        assertThat(DynamoNumbers.size("1E+99999999999")).isEqualTo(DynamoNumbers.NOT_A_NUMBER);
        assertThat(DynamoNumbers.reason(DynamoNumbers.TOO_PRECISE, DIGITS_39)).contains("38 significant digits");
        assertThat(DynamoNumbers.reason(DynamoNumbers.OVERFLOW, "1E+126")).contains("'1E+126'", "largest");
        assertThat(DynamoNumbers.reason(DynamoNumbers.UNDERFLOW, "1E-131")).contains("'1E-131'", "smallest");
        assertThat(DynamoNumbers.reason(DynamoNumbers.NOT_A_NUMBER, "1,000")).contains("'1,000'", "not a number");
    }

    /** The first seven were measured on DynamoDB Local 2.6.1; DynamoItemsLocalTest checks more at the 400 KB limit. */
    @ParameterizedTest
    @CsvSource({"0, 1", "-0, 1", "1234567890123456789, 11", "12345678901234567890, 11", "-12345678901234567890, 12",
            "1.5, 3", "12.5, 3", "7, 2", "-7, 3", "100000, 2", "123456, 4", "0.001, 2", "1000.001, 5", "1e5, 2"})
    void sizeIsBase100DigitsPlusExponentAndSign(String n, int size) {
        assertThat(DynamoNumbers.size(n)).isEqualTo(size);
    }

    @ParameterizedTest
    @CsvSource({"1, 1E0", "1.0, 1E0", "0001, 1E0", "1e0, 1E0", "+1, 1E0", "10, 1E1", "1e1, 1E1", "0.5, 5E-1",
            "-.5, -5E-1", "00012.3400, 1234E1", "100.01, 10001E2", "0, 0", "-0.000, 0", "0e5, 0"})
    void canonicalFormIsOnePerValue(String n, String canonical) {
        assertThat(DynamoNumbers.canonical(n)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "34", "-34", "0.5", "-0.5", "12.50", "123456789012345678901234567890", DIGITS_38})
    void infersPlainNumbers(String n) {
        assertThat(DynamoNumbers.inferredSize(n)).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "02134", "00", "00.5", "1e5", "+5", "1.", ".5", "-.5", " 5", "1,000", "0x10", "NaN",
            "abc", "", "-", "true", DIGITS_39})
    void infersNothingThatCouldChangeWhatTheCellSays(String n) {
        assertThat(DynamoNumbers.inferredSize(n)).isNegative();
    }

    @Test
    void infersNothingOutOfRange() {
        assertThat(DynamoNumbers.inferredSize("1" + "0".repeat(125))).isPositive();
        assertThat(DynamoNumbers.inferredSize("1" + "0".repeat(126))).isEqualTo(DynamoNumbers.OVERFLOW);
        assertThat(DynamoNumbers.inferredSize("0." + "0".repeat(130) + "1")).isEqualTo(DynamoNumbers.UNDERFLOW);
    }
}
