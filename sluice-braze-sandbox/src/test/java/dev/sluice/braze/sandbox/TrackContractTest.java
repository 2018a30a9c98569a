package dev.sluice.braze.sandbox;

import static dev.sluice.braze.sandbox.SandboxHttp.attributes;
import static dev.sluice.braze.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract of POST /users/track, checked over real HTTP. */
class TrackContractTest {

    private static BrazeSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = BrazeSandbox.start(SandboxConfig.defaults().withApiKey("test-key-0123456789"));
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clean() {
        sandbox.reset();
    }

    @Test
    void rejectsMissingOrWrongKeyWithoutEchoingIt() throws Exception {
        String body = attributes("{\"external_id\":\"u1\",\"a\":1}");
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(http.uri("/users/track"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        HttpResponse<String> wrong = http.send(http.trackRequest(body)
                .setHeader("Authorization", "Bearer wrong-key-abcdefghijkl").build());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat((String) json(wrong).get("message"))
                .startsWith("Invalid API key: ")
                .doesNotContain("wrong-key-abcdefghijkl");
        assertThat(sandbox.user("u1")).isEmpty();
    }

    @Test
    void acceptsOnlyJson() throws Exception {
        String body = attributes("{\"external_id\":\"u1\",\"a\":1}");
        HttpResponse<String> text = http.send(http.trackRequest(body).setHeader("Content-Type", "text/plain").build());
        HttpResponse<String> withCharset = http.send(
                http.trackRequest(body).setHeader("Content-Type", "application/json; charset=UTF-8").build());

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text)).containsKey("message");
        assertThat(withCharset.statusCode()).isEqualTo(201);
    }

    @Test
    void rejectsABodyOverTheLimit() throws Exception {
        byte[] body = new byte[(int) SandboxConfig.DEFAULT_MAX_BODY_BYTES + 1];
        HttpResponse<String> response = http.send(http.trackRequest("")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response)).containsKey("message");
        assertThat(sandbox.stats().bytesReceived()).isZero();
    }

    @Test
    void answers413FromContentLengthAloneWithoutWaitingForTheBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /users/track HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + sandbox.apiKey() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String response = readResponse(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response.toLowerCase()).contains("connection: close");
        }
    }

    @Test
    void rejectsInvalidJsonWithBrazesMessage() throws Exception {
        for (String body : List.of("{\"attributes\": [", "[]", "", "{} {}", "{\"attributes\": {}}")) {
            HttpResponse<String> response = http.track(body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response)).as(body).containsKey("message");
        }
        assertThat(json(http.track("{\"attributes\": [")).get("message"))
                .isEqualTo("Error while parsing request body. Please check your syntax.");
    }

    @Test
    void allowsAtMost75ObjectsAcrossTheArrays() throws Exception {
        String seventyFive = "{\"attributes\":[" + users(70) + "],\"events\":[" + events(5) + "]}";
        String seventySix = "{\"attributes\":[" + users(70) + "],\"events\":[" + events(5) + "],\"purchases\":["
                + "{\"external_id\":\"p\",\"product_id\":\"x\",\"currency\":\"USD\",\"price\":1,\"time\":\"2024-01-01\"}]}";

        HttpResponse<String> tooMany = http.track(seventySix);
        HttpResponse<String> enough = http.track(seventyFive);

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat((String) json(tooMany).get("message")).contains("76").contains("75");
        assertThat(enough.statusCode()).isEqualTo(201);
        assertThat(sandbox.stats().objectsAccepted()).isEqualTo(75);
    }

    @Test
    void answersSuccessWithProcessedCounts() throws Exception {
        HttpResponse<String> attributesOnly = http.track(attributes(
                "{\"external_id\":\"u1\",\"a\":1}", "{\"external_id\":\"u2\",\"a\":2}"));
        HttpResponse<String> withEvents = http.track("{\"attributes\":[{\"external_id\":\"u1\",\"b\":true}],"
                + "\"events\":[{\"external_id\":\"u1\",\"name\":\"e\",\"time\":\"2024-01-01T00:00:00Z\"}]}");

        assertThat(attributesOnly.statusCode()).isEqualTo(201);
        assertThat(json(attributesOnly)).isEqualTo(Map.of("message", "success", "attributes_processed", 2));
        assertThat(json(withEvents))
                .isEqualTo(Map.of("message", "success", "attributes_processed", 1, "events_processed", 1));
        assertThat(attributesOnly.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void reportsBadObjectsByIndexAndAppliesTheRest() throws Exception {
        HttpResponse<String> response = http.track(attributes(
                "{\"external_id\":\"ok1\",\"a\":1}",
                "{\"a\":2}",
                "{\"external_id\":42,\"a\":3}",
                "{\"external_id\":\"x\",\"braze_id\":\"y\"}",
                "{\"external_id\":\"ok2\",\"a\":4}",
                "{\"external_id\":\"z\",\"obj\":{\"bad.key\":1}}",
                "{\"external_id\":\"z\",\"$bad\":1}",
                "{\"external_id\":\"z\",\"obj\":{\"has space\":1}}",
                "{\"user_alias\":{\"alias_name\":\"n\"}}"));

        assertThat(response.statusCode()).isEqualTo(201);
        Map<String, Object> body = json(response);
        assertThat(body).containsEntry("message", "success").containsEntry("attributes_processed", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        assertThat(errors).extracting(e -> e.get("index")).containsExactly(1, 2, 3, 5, 6, 7, 8);
        assertThat(errors).allSatisfy(e -> assertThat(e).containsEntry("input_array", "attributes"));
        assertThat(errors.get(0)).containsEntry("type", "'external_id' or 'braze_id' or 'user_alias' is required");
        assertThat(errors.get(1)).containsEntry("type", "external_id must be a string");
        assertThat(sandbox.user("ok1")).isPresent();
        assertThat(sandbox.user("ok2")).isPresent();
        assertThat(sandbox.user("z")).isEmpty();
        assertThat(sandbox.stats().objectsRejected()).isEqualTo(7);
        assertThat(sandbox.stats().objectsAccepted()).isEqualTo(2);
    }

    @Test
    void storesValuesWithTheirJsonTypes() throws Exception {
        http.track(attributes("""
                {"external_id":"u1","name":"Ada","age":36,"score":12.50,"vip":true,"big":12345678901234,
                 "tags":["a","b"],"address":{"city":"Paris","zip":"75001"},"zip_code":"01234"}"""));

        Map<String, Object> user = sandbox.user("u1").orElseThrow();
        assertThat(user).containsEntry("external_id", "u1")
                .containsEntry("name", "Ada")
                .containsEntry("age", 36L)
                .containsEntry("score", new BigDecimal("12.50"))
                .containsEntry("vip", true)
                .containsEntry("big", 12345678901234L)
                .containsEntry("tags", List.of("a", "b"))
                .containsEntry("address", Map.of("city", "Paris", "zip", "75001"))
                .containsEntry("zip_code", "01234");

        HttpResponse<String> read = http.get("/sandbox/users/u1");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"age\":36", "\"score\":12.50", "\"zip_code\":\"01234\"", "\"vip\":true");
        assertThat(http.get("/sandbox/users/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void nullRemovesAnAttribute() throws Exception {
        http.track(attributes("{\"external_id\":\"u1\",\"a\":1,\"b\":2}"));
        http.track(attributes("{\"external_id\":\"u1\",\"a\":null}"));

        assertThat(sandbox.user("u1").orElseThrow()).doesNotContainKey("a").containsEntry("b", 2L);
    }

    @Test
    void incrementsAndEditsArrays() throws Exception {
        http.track(attributes("{\"external_id\":\"u1\",\"n\":5,\"tags\":[\"a\",\"b\",\"c\"]}"));
        http.track(attributes("""
                {"external_id":"u1","n":{"inc":-2},"fresh":{"inc":3},"tags":{"add":["a","d"]}}"""));
        http.track(attributes("{\"external_id\":\"u1\",\"tags\":{\"remove\":[\"b\",\"zz\"]},\"new\":{\"add\":[1,1]}}"));

        Map<String, Object> user = sandbox.user("u1").orElseThrow();
        assertThat(user).containsEntry("n", 3L)
                .containsEntry("fresh", 3L)
                .containsEntry("tags", List.of("c", "a", "d"))
                .containsEntry("new", List.of(1L));
    }

    @Test
    void updateExistingOnlyIgnoresUnknownUsers() throws Exception {
        http.track(attributes("{\"external_id\":\"known\",\"a\":1}"));
        HttpResponse<String> response = http.track(attributes(
                "{\"external_id\":\"known\",\"a\":2,\"_update_existing_only\":true}",
                "{\"external_id\":\"unknown\",\"a\":3,\"_update_existing_only\":true}"));

        assertThat(json(response)).containsEntry("attributes_processed", 2);
        assertThat(sandbox.user("known").orElseThrow()).containsEntry("a", 2L).doesNotContainKey("_update_existing_only");
        assertThat(sandbox.user("unknown")).isEmpty();
        assertThat(sandbox.stats().objectsIgnoredNotFound()).isEqualTo(1);
    }

    @Test
    void nestedObjectsReplaceUnlessMerged() throws Exception {
        http.track(attributes("{\"external_id\":\"u1\",\"o\":{\"a\":1,\"in\":{\"x\":1,\"y\":2}},\"p\":{\"a\":1}}"));
        http.track(attributes("""
                {"external_id":"u1","o":{"b":2,"in":{"y":3}},"_merge_objects":true}""",
                "{\"external_id\":\"u1\",\"p\":{\"b\":2}}"));

        Map<String, Object> user = sandbox.user("u1").orElseThrow();
        assertThat(user.get("o")).isEqualTo(Map.of("a", 1L, "b", 2L, "in", Map.of("x", 1L, "y", 3L)));
        assertThat(user.get("p")).isEqualTo(Map.of("b", 2L));
    }

    @Test
    void truncatesStringsTo255Characters() throws Exception {
        String longValue = "x".repeat(300);
        http.track(attributes("{\"external_id\":\"u1\",\"s\":\"" + longValue + "\",\"t\":\"short\"}"));

        assertThat((String) sandbox.user("u1").orElseThrow().get("s")).hasSize(255);
        assertThat(sandbox.stats().valuesTruncated()).isEqualTo(1);
    }

    @Test
    void appliesObjectsForOneUserInArrayOrder() throws Exception {
        http.track(attributes("{\"external_id\":\"u1\",\"a\":1}", "{\"external_id\":\"u1\",\"a\":{\"inc\":10}}",
                "{\"external_id\":\"u1\",\"a\":{\"inc\":100}}"));

        assertThat(sandbox.user("u1").orElseThrow()).containsEntry("a", 111L);
    }

    @Test
    void countsEventsAndPurchasesPerUser() throws Exception {
        HttpResponse<String> response = http.track("""
                {"events":[{"external_id":"u1","name":"a","time":"2024-01-01"},
                           {"external_id":"u1","name":"b","time":"2024-01-01"},
                           {"name":"no id","time":"2024-01-01"}],
                 "purchases":[{"external_id":"u1","product_id":"p","currency":"USD","price":1.5,"time":"2024-01-01"}]}""");

        Map<String, Object> body = json(response);
        assertThat(body).containsEntry("events_processed", 2).containsEntry("purchases_processed", 1);
        assertThat(body.get("errors")).isEqualTo(List.of(Map.of("type",
                "'external_id' or 'braze_id' or 'user_alias' is required", "input_array", "events", "index", 2)));
        assertThat(sandbox.eventCount("u1")).isEqualTo(2);
        assertThat(sandbox.purchaseCount("u1")).isEqualTo(1);
        assertThat(sandbox.stats().eventsAccepted()).isEqualTo(2);
    }

    @Test
    void keepsEmailAndAliasProfilesApart() throws Exception {
        http.track(attributes(
                "{\"email\":\"a@example.com\",\"first_name\":\"A\"}",
                "{\"user_alias\":{\"alias_name\":\"n1\",\"alias_label\":\"crm\"},\"x\":1}",
                "{\"user_alias\":{\"alias_name\":\"n2\",\"alias_label\":\"crm\"},\"x\":2,\"_update_existing_only\":false}"));

        assertThat(sandbox.user(UserId.email("a@example.com")).orElseThrow())
                .containsEntry("email", "a@example.com").containsEntry("first_name", "A");
        assertThat(sandbox.user(UserId.alias("n1", "crm"))).as("aliases only update by default").isEmpty();
        assertThat(sandbox.user(UserId.alias("n2", "crm")).orElseThrow()).containsEntry("x", 2L);
        assertThat(json(http.get("/sandbox/users?email=a%40example.com"))).containsEntry("first_name", "A");
        assertThat(json(http.get("/sandbox/users?alias_name=n2&alias_label=crm"))).containsEntry("x", 2);
        assertThat(http.get("/sandbox/users?alias_name=n1&alias_label=crm").statusCode()).isEqualTo(404);
        assertThat(http.get("/sandbox/users").statusCode()).isEqualTo(400);
    }

    @Test
    void decodesTheExternalIdInTheUserPath() throws Exception {
        http.track(attributes("{\"external_id\":\"a b/ü\",\"k\":1}"));

        HttpResponse<String> read = http.get("/sandbox/users/a%20b%2F%C3%BC");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read)).containsEntry("external_id", "a b/ü");
    }

    @Test
    void countsResponsesByStatus() throws Exception {
        http.track(attributes("{\"external_id\":\"u1\",\"a\":1}"));
        http.track(attributes("{\"external_id\":\"u2\",\"a\":1}"));
        http.track("not json");
        http.send(http.trackRequest("{}").setHeader("Authorization", "Bearer nope").build());

        SandboxStats stats = sandbox.stats();
        assertThat(stats.requests()).isEqualTo(4);
        assertThat(stats.users()).isEqualTo(2);
        assertThat(stats.statusCounts()).isEqualTo(Map.of(201, 2L, 400, 1L, 401, 1L));
        Map<String, Object> json = json(http.get("/sandbox/stats"));
        assertThat(json).containsEntry("requests", 4).containsEntry("users", 2).containsEntry("objects_accepted", 2)
                .containsEntry("objects_rejected", 0)
                .containsEntry("status_counts", Map.of("201", 2, "400", 1, "401", 1));
    }

    @Test
    void resetForgetsUsersAndCounters() throws Exception {
        http.track(attributes("{\"external_id\":\"u1\",\"a\":1}"));

        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(http.uri("/sandbox/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(sandbox.user("u1")).isEmpty();
        assertThat(sandbox.stats().requests()).isZero();
        assertThat(sandbox.stats().statusCounts()).isEmpty();
    }

    @Test
    void answersUnknownPathsAndMethods() throws Exception {
        assertThat(http.get("/users/track").statusCode()).isEqualTo(405);
        assertThat(http.get("/nothing").statusCode()).isEqualTo(404);
        assertThat(http.send(http.trackRequest("{}").uri(http.uri("/users/track/")).build()).statusCode())
                .isEqualTo(404);
        assertThat(http.send(http.trackRequest(attributes("{\"external_id\":\"b\",\"a\":1}"))
                .uri(http.uri("/users/track/bulk")).build()).statusCode()).isEqualTo(201);
    }

    @Test
    void keepsTheConnectionOpenBetweenRequests() throws Exception {
        String body = attributes("{\"external_id\":\"u1\",\"a\":1}");
        String request = "POST /users/track HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + sandbox.apiKey()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();

                assertThat(readResponse(in)).startsWith("HTTP/1.1 201").contains("\"attributes_processed\":1");
            }
        }
        assertThat(sandbox.stats().status(201)).isEqualTo(3);
    }

    private static String users(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"external_id\":\"u" + i + "\",\"a\":" + i + "}")
                .collect(Collectors.joining(","));
    }

    private static String events(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"external_id\":\"u" + i + "\",\"name\":\"e\",\"time\":\"2024-01-01\"}")
                .collect(Collectors.joining(","));
    }

    /** Reads one response with a Content-Length body from a raw socket. */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = headers.lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(15).trim()))
                .findFirst().orElse(0);
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
