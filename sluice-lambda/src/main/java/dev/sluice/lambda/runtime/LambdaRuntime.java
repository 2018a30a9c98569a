package dev.sluice.lambda.runtime;

import dev.sluice.braze.sink.BrazeConfig;
import dev.sluice.lambda.config.LambdaSettings;
import dev.sluice.lambda.continuation.Continuations;
import dev.sluice.lambda.imports.FileImporter;
import dev.sluice.lambda.ledger.DynamoLedger;
import dev.sluice.lambda.ledger.JobLeases;
import dev.sluice.lambda.notify.Notifier;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an invocation needs, built once per execution environment from its environment
 * variables (and again after a SnapStart restore): settings, AWS clients, the Braze key, the ledger.
 * Both import handlers are thin shells around {@link #importer()}.
 */
public final class LambdaRuntime implements AutoCloseable {
    private final LambdaSettings settings;
    private final AwsServices aws;
    private final FileImporter importer;

    private LambdaRuntime(LambdaSettings settings, AwsServices aws, FileImporter importer) {
        this.settings = settings;
        this.aws = aws;
        this.importer = importer;
    }

    /** @throws IllegalArgumentException or IllegalStateException naming the variable or secret that is wrong */
    public static LambdaRuntime create(Map<String, String> env) {
        LambdaSettings settings = LambdaSettings.fromEnv(env);
        AwsClientFactory clients = new AwsClientFactory(env);
        AwsServices aws = new AwsServices(clients);
        try {
            BrazeConfig braze = settings.braze().config(ApiKeys.read(settings.braze().apiKey(), clients));
            DynamoLedger ledger = new DynamoLedger(aws::dynamo, settings.ledgerTable());
            FileImporter importer = new FileImporter(settings, braze, aws::s3, ledger,
                    new JobLeases(aws::dynamo, settings.ledgerTable()), new Continuations(aws::lambda),
                    new Notifier(aws::sns, settings.topicArn()),
                    Path.of(System.getProperty("java.io.tmpdir"), "sluice"));
            return new LambdaRuntime(settings, aws, importer);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    public LambdaSettings settings() {
        return settings;
    }

    public FileImporter importer() {
        return importer;
    }

    public AwsServices services() {
        return aws;
    }

    @Override
    public void close() {
        aws.close();
    }
}
