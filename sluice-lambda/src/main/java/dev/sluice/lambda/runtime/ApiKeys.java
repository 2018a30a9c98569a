package dev.sluice.lambda.runtime;

import dev.sluice.lambda.config.ApiKeySource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Reads the Braze API key once, when the runtime is built; errors name where it was looked for, never a value. */
final class ApiKeys {
    private ApiKeys() {
    }

    static String read(ApiKeySource source, AwsClientFactory aws) {
        try {
            String key = fetch(source, aws);
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("the Braze API key from " + source + " is empty");
            }
            return key.strip();
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read the Braze API key from " + source + ": " + e.getMessage(), e);
        }
    }

    private static String fetch(ApiKeySource source, AwsClientFactory aws) {
        if (source instanceof ApiKeySource.SsmParameter p) {
            try (SsmClient ssm = aws.build(SsmClient.builder(), "SSM")) {
                return ssm.getParameter(b -> b.name(p.name()).withDecryption(true)).parameter().value();
            }
        }
        if (source instanceof ApiKeySource.Secret s) {
            try (SecretsManagerClient secrets = aws.build(SecretsManagerClient.builder(), "SECRETS_MANAGER")) {
                return secrets.getSecretValue(b -> b.secretId(s.id())).secretString();
            }
        }
        return ((ApiKeySource.Environment) source).value();
    }
}
