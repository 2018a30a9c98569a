package dev.sluice.cli;

import picocli.CommandLine;

/** {@code sluice}: the command-line entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Console.system(), args));
    }

    /** Runs one command and returns its exit code; never calls System.exit. */
    public static int run(Console console, String... args) {
        return run(console, null, args);
    }

    /** The same, with imports watched by {@code watch} instead of a person (see {@link JobWatch}). */
    public static int run(Console console, JobWatch watch, String... args) {
        CommandLine cli = new CommandLine(new SluiceCommand())
                .addSubcommand("import", new ImportCommand(console, watch))
                .addSubcommand("validate", new ValidateCommand(console))
                .addSubcommand("braze-sandbox", new BrazeSandboxCommand(console))
                .addSubcommand("jobs", new JobsCommand(console))
                .addSubcommand("check-config", new CheckConfigCommand(console))
                .addSubcommand("upload", new UploadCommand(console))
                .addSubcommand("serve", new ServeCommand(console))
                .addSubcommand("batches", BatchesCommand.commandLine(console))
                .addSubcommand("personalize", new CommandLine(new PersonalizeCommand()).addSubcommand("run", new PersonalizeRunCommand(console)));
        cli.setOut(new java.io.PrintWriter(console.out(), true));
        cli.setErr(new java.io.PrintWriter(console.err(), true));
        cli.setExitCodeExceptionMapper(error -> ExitCode.USAGE);
        boolean json = java.util.Arrays.asList(args).contains("--json");
        cli.setParameterExceptionHandler((error, arguments) -> {
            console.err().println("sluice: " + error.getMessage());
            console.err().println("Try '" + error.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            Summary.printFailure(console, json, "invalid", error.getMessage());
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            String message = error.getMessage() == null ? error.toString() : error.getMessage();
            console.err().println("sluice: " + message);
            boolean usage = error instanceof IllegalArgumentException;
            Summary.printFailure(console, json, usage ? "invalid" : "stopped", message);
            return usage ? ExitCode.USAGE : ExitCode.STOPPED;
        });
        return cli.execute(args);
    }
}
