package dev.sluice.aws.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3EventMessagesTest {
    /** An event as S3 delivers it (AWS docs' example, with a versioned object and an encoded key). */
    static final String PUT = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
              "eventTime":"2026-11-21T10:00:00.000Z","eventName":"ObjectCreated:Put",
              "userIdentity":{"principalId":"AWS:EXAMPLE"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
              "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"csv-uploads",
                "bucket":{"name":"imports","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::imports"},
                "object":{"key":"daily/my+users%2B1+%281%29.csv","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
                  "versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}""";

    @Test
    void readsTheObjectOfAPutEventWithItsKeyDecodedAndItsVersion() {
        List<S3ObjectEvent> events = S3EventMessages.parse(PUT);
        assertThat(events).containsExactly(new S3ObjectEvent("ObjectCreated:Put", "imports", "daily/my users+1 (1).csv",
                "096fKKXTRTtl3on89fVO.nfljtsv6qko", "d41d8cd98f00b204e9800998ecf8427e", 1024));
        assertThat(events.get(0).uri()).isEqualTo("s3://imports/daily/my users+1 (1).csv");
    }

    @Test
    void aTestEventAnnouncesNothing() {
        String test = """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-21T10:00:00.000Z",
                 "Bucket":"imports","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}""";
        assertThat(S3EventMessages.parse(test)).isEmpty();
    }

    @Test
    void removalsAreIgnoredAndMultipartCompletionsCount() {
        String body = PUT.replace("ObjectCreated:Put", "ObjectRemoved:Delete");
        assertThat(S3EventMessages.parse(body)).isEmpty();
        String multipart = PUT.replace("ObjectCreated:Put", "ObjectCreated:CompleteMultipartUpload");
        assertThat(S3EventMessages.parse(multipart)).singleElement()
                .extracting(S3ObjectEvent::eventName).isEqualTo("ObjectCreated:CompleteMultipartUpload");
    }

    @Test
    void readsAnEventWrappedInAnSnsNotification() throws Exception {
        String sns = new ObjectMapper().writeValueAsString(Map.of("Type", "Notification", "MessageId", "m-1",
                "TopicArn", "arn:aws:sns:us-east-1:123456789012:uploads", "Message", PUT));
        assertThat(S3EventMessages.parse(sns)).singleElement().extracting(S3ObjectEvent::key)
                .isEqualTo("daily/my users+1 (1).csv");
    }

    @Test
    void somethingElseIsRefusedWithWhatItWas() {
        assertThatThrownBy(() -> S3EventMessages.parse("hello")).isInstanceOf(S3EventFormatException.class)
                .hasMessageContaining("not JSON: hello");
        assertThatThrownBy(() -> S3EventMessages.parse("{\"foo\":1}")).hasMessageContaining("no \"Records\" list");
    }

    @Test
    void anUnversionedObjectHasNoVersion() {
        String body = PUT.replace(",\n          \"versionId\":\"096fKKXTRTtl3on89fVO.nfljtsv6qko\"", "")
                .replace("\"versionId\":\"096fKKXTRTtl3on89fVO.nfljtsv6qko\",", "");
        assertThat(S3EventMessages.parse(body).get(0).versionId()).isNull();
    }
}
