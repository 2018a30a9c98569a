package dev.sluice.core.pipeline;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What every part of one load shares: the file as named (for messages), the environment, the secrets. */
final class Reading {
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIAL|AUTH|PRIVATE|SESSION).*");

    final Path file;
    final Map<String, String> env;
    /** Variables that hold a secret: those an api_key names, and any whose name looks secret. */
    private final Set<String> secretVariables;

    Reading(Path file, Map<String, String> env, Set<String> secretVariables) {
        this.file = file;
        this.env = env;
        this.secretVariables = secretVariables;
    }

    Reading withSecrets(Set<String> secretVariables) {
        return new Reading(file, env, secretVariables);
    }

    boolean isSecret(String variable) {
        return secretVariables.contains(variable) || SECRET_NAME.matcher(variable.toUpperCase(Locale.ROOT)).matches();
    }

    PipelineConfigException error(YamlTree.Place place, String field, String reason) {
        return new PipelineConfigException(file, place.line(), place.column(), field, reason);
    }
}
