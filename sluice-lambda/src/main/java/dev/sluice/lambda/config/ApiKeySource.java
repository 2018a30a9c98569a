package dev.sluice.lambda.config;

/**
 * Where the Braze API key comes from: the environment ({@code BRAZE_API_KEY}), an SSM Parameter Store
 * parameter ({@code BRAZE_API_KEY_PARAMETER}, a SecureString read with decryption) or a Secrets
 * Manager secret ({@code BRAZE_API_KEY_SECRET}, its string value). {@link #toString()} never shows a key.
 */
public sealed interface ApiKeySource {

    record Environment(String value) implements ApiKeySource {
        @Override
        public String toString() {
            return "BRAZE_API_KEY";
        }
    }

    record SsmParameter(String name) implements ApiKeySource {
        @Override
        public String toString() {
            return "SSM parameter " + name;
        }
    }

    record Secret(String id) implements ApiKeySource {
        @Override
        public String toString() {
            return "Secrets Manager secret " + id;
        }
    }
}
