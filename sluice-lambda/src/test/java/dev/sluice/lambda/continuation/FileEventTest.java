package dev.sluice.lambda.continuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.lambda.testing.S3Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheSeedsSampleEventWithItsUrlEncodedKey() {
        ObjectNode event = S3Events.put("my-bucket", "in/big users+more é.csv", 120, "abc");

        FileEvent file = FileEvent.parse(event).get(0);

        assertThat(file.bucket()).isEqualTo("my-bucket");
        assertThat(file.key()).isEqualTo("in/big users+more é.csv");
        assertThat(file.eTag()).isEqualTo("abc");
        assertThat(file.versionId()).isNull();
        assertThat(file.offset()).isNull();
        assertThat(file.headers()).isNull();
        assertThat(file.event()).isEqualTo(event);
    }

    @Test
    void aContinuationIsTheEventPlusOffsetAndHeadersAndReadsBackTheSame() {
        ObjectNode event = S3Events.put("b", "f.csv", 10, "e");
        FileEvent file = FileEvent.parse(event).get(0);

        ObjectNode next = file.continuation(7256, List.of("external_id", "plan"));

        assertThat(next.get("Records")).isEqualTo(event.get("Records"));
        assertThat(next.get("offset").asLong()).isEqualTo(7256);
        assertThat(next.get("headers")).hasSize(2);
        FileEvent again = FileEvent.parse(next).get(0);
        assertThat(again.offset()).isEqualTo(7256);
        assertThat(again.headers()).containsExactly("external_id", "plan");
        assertThat(again.event()).isEqualTo(event);
    }

    @Test
    void theSeedsSampleOffsetZeroAndNullHeadersMeanTheBeginning() {
        ObjectNode event = S3Events.put("b", "f.csv", 10, "e");
        event.put("offset", 0).putNull("headers");

        FileEvent file = FileEvent.parse(event).get(0);

        assertThat(file.offset()).isZero();
        assertThat(file.headers()).isNull();
    }

    @Test
    void eachRecordIsAFileOfItsOwn() throws Exception {
        ObjectNode event = S3Events.put("b", "one.csv", 10, "e");
        ObjectNode second = S3Events.put("b", "two.csv", 10, "e");
        event.withArray("Records").add(second.get("Records").get(0));

        List<FileEvent> files = FileEvent.parse(event);

        assertThat(files).extracting(FileEvent::key).containsExactly("one.csv", "two.csv");
        assertThat(files.get(1).event().get("Records")).hasSize(1);
        event.put("offset", 5);
        assertThatThrownBy(() -> FileEvent.parse(event)).hasMessageContaining("exactly one record");
    }

    @Test
    void aRemovalIsNoFileToImport() {
        ObjectNode event = S3Events.put("b", "gone.csv", 10, "e");
        ((ObjectNode) event.get("Records").get(0)).put("eventName", "ObjectRemoved:Delete");

        assertThat(FileEvent.parse(event)).isEmpty();
    }

    @Test
    void badEventsAreRefusedWithWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> FileEvent.parse(JSON.readTree("{\"Records\": []}"))).hasMessageContaining("not an S3 event");
        assertThatThrownBy(() -> FileEvent.parse(JSON.readTree(
                "{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {}}]}")))
                .hasMessageContaining("s3.bucket.name");
        ObjectNode event = S3Events.put("b", "f.csv", 10, "e");
        event.put("offset", -1);
        assertThatThrownBy(() -> FileEvent.parse(event)).hasMessageContaining("\"offset\"");
        event.put("offset", 10).put("headers", "external_id");
        assertThatThrownBy(() -> FileEvent.parse(event)).hasMessageContaining("\"headers\"");
    }
}
