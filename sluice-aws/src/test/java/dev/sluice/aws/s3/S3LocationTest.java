package dev.sluice.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3LocationTest {

    @Test
    void parsesBucketAndKey() {
        S3Location l = S3Location.parse("s3://my-bucket/in/2026/data.csv");
        assertThat(l.bucket()).isEqualTo("my-bucket");
        assertThat(l.key()).isEqualTo("in/2026/data.csv");
        assertThat(l.uri()).isEqualTo("s3://my-bucket/in/2026/data.csv");
        assertThat(S3Location.parse("S3://my-bucket/a.csv")).isEqualTo(new S3Location("my-bucket", "a.csv"));
    }

    /** The key is the literal S3 key: no URL decoding ('+' is a plus, %20 is three characters). */
    @Test
    void keepsSpacesPlusSignsAndPercentSignsLiterally() {
        S3Location l = S3Location.parse("s3://bucket/key with spaces+plus.csv");
        assertThat(l.key()).isEqualTo("key with spaces+plus.csv");
        assertThat(l.uri()).isEqualTo("s3://bucket/key with spaces+plus.csv");
        assertThat(S3Location.parse("s3://bucket/in/my+file.csv").key()).isEqualTo("in/my+file.csv");
        assertThat(S3Location.parse("s3://bucket/in/a%20b.csv").key()).isEqualTo("in/a%20b.csv");
        assertThat(S3Location.parse("s3://bucket/a?b#c.csv").key()).isEqualTo("a?b#c.csv");
        assertThat(S3Location.parse("s3://bucket//double.csv").key()).isEqualTo("/double.csv");
    }

    @Test
    void refusesWhatIsNotAnObjectLocation() {
        assertThatThrownBy(() -> S3Location.parse("https://bucket/key.csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an S3 location");
        assertThatThrownBy(() -> S3Location.parse("/tmp/data.csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an S3 location");
        assertThatThrownBy(() -> S3Location.parse("s3:///key.csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bucket");
        assertThatThrownBy(() -> S3Location.parse("s3://")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bucket");
        assertThatThrownBy(() -> S3Location.parse("s3://bucket")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no object key");
        assertThatThrownBy(() -> S3Location.parse("s3://bucket/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no object key");
        assertThatThrownBy(() -> S3Location.parse("s3://b/key.csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad S3 bucket name 'b'");
        assertThatThrownBy(() -> S3Location.parse("s3://my bucket/key.csv")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad S3 bucket name");
        assertThatThrownBy(() -> S3Location.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Location.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Location("bucket", "k".repeat(1025))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 1024 bytes");
    }
}
