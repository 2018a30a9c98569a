package dev.sluice.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.lambda.config.LambdaSettings;
import dev.sluice.lambda.config.RecommendationsSettings;
import dev.sluice.lambda.handler.RecommendationsQueueHandler;
import dev.sluice.personalize.queue.BrazeQueueConsumer;
import dev.sluice.lambda.ledger.DynamoLedger;
import dev.sluice.lambda.testing.CloudFormationYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml cannot be deployed here, so its structure is checked: it parses with CloudFormation's
 * short tags, wires S3 → queue → function with a dead-letter queue, and the recommendations queue →
 * its function with its own, names handlers that exist, keeps the ledger's key, alarms on errors, and
 * grants each function only the resources it uses.
 */
class TemplateTest {
    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void read() throws IOException {
        Path file = Path.of("..", "template.yaml");
        assertThat(Files.exists(file)).as("template.yaml at the repository root").isTrue();
        template = CloudFormationYaml.read(file);
        resources = template.get("Resources");
    }

    @Test
    void isASamTemplateWithTheBrazeEndpointAndKeyAsParameters() {
        assertThat(template.get("Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
        JsonNode parameters = template.get("Parameters");
        assertThat(parameters.get("BrazeApiUrl").get("AllowedPattern").asText()).startsWith("^https://");
        assertThat(parameters.has("BrazeApiKeyParameter")).isTrue();
        assertThat(parameters.has("BrazeApiKeySecret")).isTrue();
        JsonNode env = template.at("/Globals/Function/Environment/Variables");
        assertThat(env.get("BRAZE_API_URL")).isEqualTo(ref("BrazeApiUrl"));
        assertThat(env.get("BRAZE_API_KEY_PARAMETER").get("Fn::If").get(1)).isEqualTo(ref("BrazeApiKeyParameter"));
        assertThat(env.get("BRAZE_API_KEY_SECRET").get("Fn::If").get(1)).isEqualTo(ref("BrazeApiKeySecret"));
        assertThat(env.has("BRAZE_API_KEY")).as("the key itself is never a plain environment variable").isFalse();
        assertThat(env.get("LEDGER_TABLE")).isEqualTo(ref("Ledger"));
        assertThat(env.get("TOPIC_ARN")).isEqualTo(ref("Notifications"));
        assertThat(names(env)).allMatch(LambdaSettings.VARIABLES::contains);
    }

    @Test
    void theBucketNotifiesTheQueueOfCsvFilesUnderTheImportPrefixOnly() {
        JsonNode bucket = resource("ImportBucket", "AWS::S3::Bucket");
        JsonNode notification = bucket.at("/Properties/NotificationConfiguration/QueueConfigurations/0");
        assertThat(notification.get("Event").asText()).isEqualTo("s3:ObjectCreated:*");
        assertThat(notification.get("Queue")).isEqualTo(getAtt("ImportQueue", "Arn"));
        Map<String, JsonNode> rules = rules(notification.at("/Filter/S3Key/Rules"));
        assertThat(rules.get("suffix").asText()).isEqualTo(".csv");
        assertThat(rules.get("prefix")).isEqualTo(ref("ImportPrefix"));
        String importPrefix = template.at("/Parameters/ImportPrefix/Default").asText();
        String rejectsPrefix = template.at("/Globals/Function/Environment/Variables/REJECTS_PREFIX").asText();
        assertThat(rejectsPrefix).as("rejects written to the bucket must not trigger imports")
                .doesNotStartWith(importPrefix);
        assertThat(bucket.get("DependsOn").asText()).isEqualTo("ImportQueuePolicy");
        JsonNode allow = resource("ImportQueuePolicy", "AWS::SQS::QueuePolicy").at("/Properties/PolicyDocument/Statement/0");
        assertThat(allow.at("/Principal/Service").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(allow.get("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(allow.at("/Condition/StringEquals/aws:SourceAccount")).isEqualTo(ref("AWS::AccountId"));
    }

    @Test
    void theQueueHasADeadLetterQueueAndOutlivesTheFunctionTimeout() {
        JsonNode queue = resource("ImportQueue", "AWS::SQS::Queue").get("Properties");
        assertThat(queue.at("/RedrivePolicy/deadLetterTargetArn")).isEqualTo(getAtt("DeadLetterQueue", "Arn"));
        assertThat(queue.at("/RedrivePolicy/maxReceiveCount")).isEqualTo(ref("MaxReceiveCount"));
        resource("DeadLetterQueue", "AWS::SQS::Queue");
        assertThat(queue.get("VisibilityTimeout").asInt()).isGreaterThanOrEqualTo(timeout());
        JsonNode queueFunction = resource("QueueFunction", "AWS::Serverless::Function").get("Properties");
        assertThat(queueFunction.at("/Environment/Variables/MAX_RECEIVES")).isEqualTo(ref("MaxReceiveCount"));
        JsonNode event = queueFunction.at("/Events/Files");
        assertThat(event.get("Type").asText()).isEqualTo("SQS");
        assertThat(event.at("/Properties/Queue")).isEqualTo(getAtt("ImportQueue", "Arn"));
        assertThat(event.at("/Properties/FunctionResponseTypes/0").asText()).isEqualTo("ReportBatchItemFailures");
        JsonNode onFailure = resource("ImportFunction", "AWS::Serverless::Function")
                .at("/Properties/EventInvokeConfig");
        assertThat(onFailure.get("MaximumRetryAttempts").asInt()).isZero();
        assertThat(onFailure.at("/DestinationConfig/OnFailure/Destination")).isEqualTo(getAtt("DeadLetterQueue", "Arn"));
    }

    @Test
    void theRecommendationsQueueFeedsItsFunctionOneBrazeRequestAtATimeAndKeepsRefusedRows() throws Exception {
        JsonNode queue = resource("RecommendationsQueue", "AWS::SQS::Queue").get("Properties");
        assertThat(queue.at("/RedrivePolicy/deadLetterTargetArn")).isEqualTo(getAtt("RecommendationsDeadLetterQueue", "Arn"));
        assertThat(queue.at("/RedrivePolicy/maxReceiveCount").asInt()).as("the original connector's").isEqualTo(5);
        resource("RecommendationsDeadLetterQueue", "AWS::SQS::Queue");
        JsonNode function = resource("RecommendationsFunction", "AWS::Serverless::Function").get("Properties");
        int timeout = function.get("Timeout").asInt();
        assertThat(queue.get("VisibilityTimeout").asInt()).as("AWS: six times the function timeout")
                .isGreaterThanOrEqualTo(6 * timeout);
        BrazeConfig braze = BrazeConfig.defaults(java.net.URI.create("https://rest.iad-01.braze.com"), "k");
        assertThat(timeout).as("the worst request: every attempt waits out the response timeout")
                .isGreaterThan(BrazeQueueConsumer.SINK_ATTEMPTS * (int) braze.responseTimeout().toSeconds());
        assertThat(function.get("MemorySize").asInt()).isBetween(512, 2048);

        assertThat(handler("RecommendationsFunction")).isEqualTo(RecommendationsQueueHandler.class);
        assertThat(RequestHandler.class.isAssignableFrom(handler("RecommendationsFunction"))).isTrue();
        JsonNode env = function.at("/Environment/Variables");
        assertThat(env.get("RECOMMENDATIONS_QUEUE_URL")).isEqualTo(ref("RecommendationsQueue"));
        assertThat(env.get("ATTRIBUTE_SHAPE")).isEqualTo(ref("RecommendationsAttributeShape"));
        assertThat(names(env)).allMatch(RecommendationsSettings.VARIABLES::contains);
        JsonNode shapes = template.at("/Parameters/RecommendationsAttributeShape/AllowedValues");
        assertThat(shapes).extracting(JsonNode::asText).containsExactlyInAnyOrder("objects", "arrays");

        JsonNode event = function.at("/Events/Rows");
        assertThat(event.get("Type").asText()).isEqualTo("SQS");
        assertThat(event.at("/Properties/Queue")).isEqualTo(getAtt("RecommendationsQueue", "Arn"));
        assertThat(event.at("/Properties/FunctionResponseTypes/0").asText()).isEqualTo("ReportBatchItemFailures");
        int batchSize = event.at("/Properties/BatchSize").asInt();
        assertThat(batchSize).as("one Braze request per invocation").isEqualTo(braze.maxObjectsPerRequest());
        assertThat(event.at("/Properties/MaximumBatchingWindowInSeconds").asInt())
                .as("Lambda requires a batching window above 10 messages").isBetween(1, 300);
        assertThat(event.at("/Properties/ScalingConfig/MaximumConcurrency")).isEqualTo(ref("RecommendationsConcurrency"));
        assertThat(resource("RecommendationsFunction", "AWS::Serverless::Function").get("DependsOn"))
                .contains(JsonNodeFactory.instance.textNode("BrazeKeyPolicy"));
    }

    @Test
    void theFunctionsRunHandlersOfThisModuleWithMemoryTimeoutAndSnapStart() throws Exception {
        JsonNode globals = template.at("/Globals/Function");
        assertThat(globals.get("MemorySize").asInt()).isBetween(1024, 10240);
        assertThat(timeout()).isBetween(120, 900);
        assertThat(globals.get("Runtime").asText()).startsWith("java");
        assertThat(globals.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(globals.get("CodeUri").asText()).isEqualTo("sluice-lambda/target/sluice-lambda.jar");
        String margin = globals.at("/Environment/Variables/STOP_MARGIN_SECONDS").asText();
        assertThat(Double.parseDouble(margin)).isLessThan(timeout() / 4.0);
        assertThat(handler("QueueFunction")).isEqualTo(dev.sluice.lambda.handler.SqsEventHandler.class);
        assertThat(RequestHandler.class.isAssignableFrom(handler("QueueFunction"))).isTrue();
        assertThat(handler("ImportFunction")).isEqualTo(dev.sluice.lambda.handler.S3EventHandler.class);
        assertThat(RequestStreamHandler.class.isAssignableFrom(handler("ImportFunction"))).isTrue();
        String continueTo = template.at("/Globals/Function/Environment/Variables/CONTINUE_FUNCTION/Fn::Sub").asText();
        String importName = resource("ImportFunction", "AWS::Serverless::Function").at("/Properties/FunctionName/Fn::Sub")
                .asText();
        assertThat(continueTo).endsWith(":function:" + importName + ":live");
    }

    @Test
    void theLedgerTableHasTheKeyTheLedgerUsesAndExpiresLeases() {
        JsonNode table = resource("Ledger", "AWS::DynamoDB::Table").get("Properties");
        assertThat(table.at("/KeySchema/0/AttributeName").asText()).isEqualTo(DynamoLedger.KEY);
        assertThat(table.at("/KeySchema/0/KeyType").asText()).isEqualTo("HASH");
        assertThat(table.at("/AttributeDefinitions/0/AttributeType").asText()).isEqualTo("S");
        assertThat(table.at("/TimeToLiveSpecification/AttributeName").asText()).isEqualTo("expires_at");
    }

    @Test
    void alarmsWatchBothFunctionsErrorsAndTheDeadLetterQueue() {
        List<JsonNode> watched = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                JsonNode alarm = e.getValue().get("Properties");
                assertThat(alarm.get("AlarmActions").get(0)).isEqualTo(ref("Notifications"));
                watched.add(alarm.at("/Dimensions/0/Value"));
                if (alarm.get("Namespace").asText().equals("AWS/Lambda")) {
                    assertThat(alarm.get("MetricName").asText()).isEqualTo("Errors");
                }
            }
        });
        assertThat(watched).contains(ref("QueueFunction"), ref("ImportFunction"), getAtt("DeadLetterQueue", "QueueName"),
                ref("RecommendationsFunction"), getAtt("RecommendationsDeadLetterQueue", "QueueName"));
    }

    @Test
    void everyPermissionNamesItsResource() {
        List<JsonNode> statements = new ArrayList<>();
        for (String role : List.of("QueueFunctionRole", "ImportFunctionRole", "RecommendationsFunctionRole")) {
            resource(role, "AWS::IAM::Role").at("/Properties/Policies")
                    .forEach(p -> p.at("/PolicyDocument/Statement").forEach(statements::add));
            assertThat(resource(role, "AWS::IAM::Role").at("/Properties/ManagedPolicyArns").isMissingNode())
                    .as("no AWS managed policy (they grant \"*\")").isTrue();
        }
        JsonNode shared = resource("FilesPolicy", "AWS::IAM::ManagedPolicy").get("Properties");
        assertThat(shared.get("Roles")).containsExactly(ref("QueueFunctionRole"), ref("ImportFunctionRole"));
        shared.at("/PolicyDocument/Statement").forEach(statements::add);
        JsonNode key = resource("BrazeKeyPolicy", "AWS::IAM::ManagedPolicy").get("Properties");
        assertThat(key.get("Roles")).containsExactly(ref("QueueFunctionRole"), ref("ImportFunctionRole"),
                ref("RecommendationsFunctionRole"));
        key.at("/PolicyDocument/Statement").forEach(s -> statements.add(s.get("Fn::If").get(1)));
        assertThat(statements).hasSizeGreaterThan(8);
        for (JsonNode statement : statements) {
            JsonNode resource = statement.get("Resource");
            List<JsonNode> each = new ArrayList<>();
            if (resource.isArray()) {
                resource.forEach(each::add);
            } else {
                each.add(resource);
            }
            for (JsonNode r : each) {
                assertThat(r.isTextual()).as("%s: a resource of this stack or a parameter, not a literal", statement)
                        .isFalse();
                assertThat(r.toString()).as("%s: a wildcard only under a named bucket or function", statement)
                        .matches(text -> !text.contains("*") || text.contains("${ImportBucket.Arn}/")
                                || text.contains("function:${AWS::StackName}-import:*"));
            }
        }
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action").toString()).contains("s3:PutObject");
            assertThat(s.get("Resource").get("Fn::Sub").asText()).isEqualTo("${ImportBucket.Arn}/rejects/*");
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action").toString()).contains("secretsmanager:GetSecretValue");
            assertThat(s.get("Resource").get("Fn::Sub").asText()).endsWith(":secret:${BrazeApiKeySecret}-??????");
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action").toString()).contains("ssm:GetParameter");
            assertThat(s.get("Resource").get("Fn::Sub").asText()).endsWith(":parameter${BrazeApiKeyParameter}");
        });
    }

    @Test
    void theRecommendationsFunctionMayUseItsTwoQueuesItsLogsAndTheKeyOnly() {
        List<JsonNode> statements = new ArrayList<>();
        resource("RecommendationsFunctionRole", "AWS::IAM::Role").at("/Properties/Policies")
                .forEach(p -> p.at("/PolicyDocument/Statement").forEach(statements::add));
        Map<JsonNode, String> actionsByResource = new java.util.HashMap<>();
        statements.forEach(s -> actionsByResource.put(s.get("Resource"), s.get("Action").toString()));
        assertThat(actionsByResource).containsOnlyKeys(getAtt("RecommendationsQueue", "Arn"),
                getAtt("RecommendationsDeadLetterQueue", "Arn"), getAtt("RecommendationsFunctionLogs", "Arn"));
        assertThat(actionsByResource.get(getAtt("RecommendationsQueue", "Arn")))
                .contains("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes").doesNotContain("SendMessage");
        assertThat(actionsByResource.get(getAtt("RecommendationsDeadLetterQueue", "Arn")))
                .contains("sqs:SendMessage", "sqs:GetQueueUrl").doesNotContain("ReceiveMessage", "DeleteMessage");
        assertThat(resource("FilesPolicy", "AWS::IAM::ManagedPolicy").at("/Properties/Roles"))
                .as("no bucket, ledger or topic").doesNotContain(ref("RecommendationsFunctionRole"));
        assertThat(resource("RecommendationsFunctionLogs", "AWS::Logs::LogGroup").at("/Properties/LogGroupName/Fn::Sub")
                .asText()).isEqualTo("/aws/lambda/" + resource("RecommendationsFunction", "AWS::Serverless::Function")
                .at("/Properties/FunctionName/Fn::Sub").asText());
    }

    private static int timeout() {
        return template.at("/Globals/Function/Timeout").asInt();
    }

    private static Class<?> handler(String function) throws ClassNotFoundException {
        String handler = resource(function, "AWS::Serverless::Function").at("/Properties/Handler").asText();
        assertThat(handler).endsWith("::handleRequest");
        return Class.forName(handler.substring(0, handler.indexOf("::")));
    }

    private static JsonNode resource(String name, String type) {
        JsonNode resource = resources.get(name);
        assertThat(resource).as("resource %s", name).isNotNull();
        assertThat(resource.get("Type").asText()).isEqualTo(type);
        return resource;
    }

    private static Map<String, JsonNode> rules(JsonNode rules) {
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        rules.forEach(rule -> byName.put(rule.get("Name").asText(), rule.get("Value")));
        return byName;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode ref(String name) {
        return JsonNodeFactory.instance.objectNode().put("Ref", name);
    }

    private static JsonNode getAtt(String resource, String attribute) {
        return JsonNodeFactory.instance.objectNode().set("Fn::GetAtt",
                JsonNodeFactory.instance.arrayNode().add(resource).add(attribute));
    }
}
