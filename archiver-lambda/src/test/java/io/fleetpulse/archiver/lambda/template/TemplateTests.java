package io.fleetpulse.archiver.lambda.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fleetpulse.archiver.config.ArchiveConfig;
import io.fleetpulse.archiver.config.KafkaConfig;
import io.fleetpulse.archiver.kafka.KafkaAuth;
import io.fleetpulse.archiver.service.InvocationProcessor;
import io.smallrye.config.Converters;
import io.smallrye.config.WithDefault;

/**
 * template.yaml, parsed offline: the event source mapping's failure settings, the function, and a role that grants the
 * actions the handler performs on the resources it touches, and nothing else.
 */
class TemplateTests {

    private static Map<String, Object> template;

    @BeforeAll
    static void read() throws Exception {
        template = CloudFormationYaml.read(Path.of("template.yaml"));
    }

    @Test
    void theMappingReportsFailedRecordsBisectsRetriesAndThenHandsThemToTheQueue() {
        Map<String, Object> mapping = properties("StreamEvents", "AWS::Lambda::EventSourceMapping");
        assertThat(mapping.get("EventSourceArn")).isEqualTo(ref("TableStreamArn"));
        assertThat(mapping.get("FunctionName")).isEqualTo(ref("ArchiverFunction.Alias"));
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("BisectBatchOnFunctionError")).isEqualTo(true);
        assertThat((Integer) mapping.get("MaximumRetryAttempts")).isBetween(1, 10);
        // records older than the stream's retention are gone anyway; the record markers outlive it (48 h)
        assertThat((Integer) mapping.get("MaximumRecordAgeInSeconds")).isBetween(60, 86_400);
        assertThat(mapping.get("ParallelizationFactor")).isEqualTo(ref("ParallelizationFactor"));
        Map<String, Object> parallelization = parameter("ParallelizationFactor");
        // Lambda's own bounds; any factor keeps per-key order, which is all the handler needs (ParallelizationFactorTests)
        assertThat(parallelization).containsEntry("Default", 1).containsEntry("MinValue", 1).containsEntry("MaxValue", 10);
        assertThat(mapping.get("StartingPosition")).isEqualTo("TRIM_HORIZON");
        assertThat(mapping.get("DestinationConfig")).isEqualTo(Map.of("OnFailure", Map.of("Destination", getAtt("StreamFailures", "Arn"))));
        assertThat(resource("StreamFailures").get("Type")).isEqualTo("AWS::SQS::Queue");

        assertThat(mapping.get("BatchSize")).isEqualTo(ref("BatchSize"));
        Map<String, Object> batchSize = parameter("BatchSize");
        assertThat((Integer) batchSize.get("MaxValue")).isLessThanOrEqualTo(InvocationProcessor.MAX_RECORDS);
        assertThat((Integer) batchSize.get("Default")).isBetween(1, (Integer) batchSize.get("MaxValue"));
    }

    @Test
    void theFunctionRunsTheQuarkusHandlerUnderItsOwnRoleWithItsSettings() {
        Map<String, Object> function = properties("ArchiverFunction", "AWS::Serverless::Function");
        assertThat(function.get("Handler")).isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        assertThat(function.get("Runtime")).isEqualTo("java17");
        assertThat(function.get("Role")).isEqualTo(getAtt("ArchiverRole", "Arn"));
        assertThat(function).doesNotContainKey("Policies");
        assertThat(map(map(function.get("Environment")).get("Variables"))).containsEntry("FLEETPULSE_TABLE_NAME", ref("TableName"))
                .containsEntry("FLEETPULSE_ARCHIVE_BUCKET", ref("ArchiveBucket"))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", ref("KafkaBootstrapServers"));
    }

    @Test
    void theFunctionSignsInToMskWithItsRole() {
        Map<String, Object> variables = map(map(properties("ArchiverFunction", "AWS::Serverless::Function").get("Environment")).get("Variables"));
        // read as the core reads fleetpulse.kafka.auth (SmallRye's enum conversion): SASL_SSL with AWS_MSK_IAM
        Object auth = variables.get("FLEETPULSE_KAFKA_AUTH");
        assertThat(auth).isInstanceOf(String.class);
        assertThat(Converters.getImplicitConverter(KafkaAuth.class).convert((String) auth)).isEqualTo(KafkaAuth.MSK_IAM);
        assertThat(variables).containsEntry("KAFKA_BOOTSTRAP_SERVERS", ref("KafkaBootstrapServers"));
    }

    @Test
    void theRoleGrantsWhatTheHandlerDoesOnWhatItTouchesAndNothingElse() throws Exception {
        Map<String, Set<Object>> grants = grants();
        String table = "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}";
        String bucket = "arn:${AWS::Partition}:s3:::${ArchiveBucket}/";
        String cluster = "${MskClusterName}/${MskClusterUuid}";
        String kafka = "arn:${AWS::Partition}:kafka:${AWS::Region}:${AWS::AccountId}:";
        Map<String, Set<Object>> expected = new LinkedHashMap<>();
        for (String action : List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator")) {
            expected.put(action, Set.of(ref("TableStreamArn")));
        }
        expected.put("dynamodb:ListStreams", Set.of(sub(table + "/stream/*")));
        expected.put("dynamodb:BatchGetItem", Set.of(sub(table)));
        expected.put("dynamodb:PutItem", Set.of(sub(table)));
        expected.put("s3:PutObject", Set.of(sub(bucket + configDefault(ArchiveConfig.class, "prefix") + "/*"),
                sub(bucket + configDefault(ArchiveConfig.class, "deadLetterPrefix") + "/*")));
        expected.put("sqs:SendMessage", Set.of(getAtt("StreamFailures", "Arn")));
        expected.put("kafka-cluster:Connect", Set.of(sub(kafka + "cluster/" + cluster)));
        expected.put("kafka-cluster:WriteDataIdempotently", Set.of(sub(kafka + "cluster/" + cluster)));
        Set<Object> topics = Set.of(sub(kafka + "topic/" + cluster + "/" + configDefault(KafkaConfig.class, "resultsTopic")),
                sub(kafka + "topic/" + cluster + "/" + configDefault(KafkaConfig.class, "aggregatesTopic")));
        expected.put("kafka-cluster:DescribeTopic", topics);
        expected.put("kafka-cluster:WriteData", topics);
        expected.put("logs:CreateLogStream", Set.of(getAtt("ArchiverLogs", "Arn")));
        expected.put("logs:PutLogEvents", Set.of(getAtt("ArchiverLogs", "Arn")));
        for (String action : List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses")) {
            expected.put(action, Set.of("*"));
        }
        assertThat(grants).isEqualTo(expected);
    }

    /** Every allowed action of the role's policies with the resources it is allowed on; no Deny, no NotAction. */
    private static Map<String, Set<Object>> grants() {
        Map<String, Object> role = properties("ArchiverRole", "AWS::IAM::Role");
        assertThat(role).doesNotContainKey("ManagedPolicyArns");
        Map<String, Set<Object>> grants = new LinkedHashMap<>();
        for (Object policy : list(role.get("Policies"))) {
            for (Object element : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                Map<String, Object> statement = map(element);
                assertThat(statement).containsEntry("Effect", "Allow").containsOnlyKeys("Sid", "Effect", "Action", "Resource");
                for (Object action : listOf(statement.get("Action"))) {
                    grants.computeIfAbsent((String) action, a -> new LinkedHashSet<>()).addAll(listOf(statement.get("Resource")));
                }
            }
        }
        return grants;
    }

    private static String configDefault(Class<?> mapping, String method) throws NoSuchMethodException {
        return mapping.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    private static Map<String, Object> properties(String name, String type) {
        Map<String, Object> resource = resource(name);
        assertThat(resource.get("Type")).as(name).isEqualTo(type);
        return map(resource.get("Properties"));
    }

    private static Map<String, Object> resource(String name) {
        Map<String, Object> resource = map(map(template.get("Resources")).get(name));
        assertThat(resource).as("resource " + name).isNotNull();
        return resource;
    }

    private static Map<String, Object> parameter(String name) {
        return map(map(template.get("Parameters")).get(name));
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    private static Map<String, Object> getAtt(String resource, String attribute) {
        return Map.of("Fn::GetAtt", List.of(resource, attribute));
    }

    private static Map<String, Object> sub(String text) {
        return Map.of("Fn::Sub", text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        return (List<?>) value;
    }

    private static List<?> listOf(Object value) {
        return value instanceof List<?> values ? values : new ArrayList<>(List.of(value));
    }
}
