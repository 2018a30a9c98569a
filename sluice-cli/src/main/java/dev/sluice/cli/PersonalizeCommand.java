package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice personalize}: the Amazon Personalize connector; its verbs ({@code run}) are subcommands. */
@Command(name = "personalize", mixinStandardHelpOptions = true,
        description = "Amazon Personalize batch-inference output, joined, decorated and sent to Braze where it changed.")
final class PersonalizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a verb: the usage, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
