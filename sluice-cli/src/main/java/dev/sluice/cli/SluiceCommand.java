package dev.sluice.cli;

import picocli.CommandLine.Command;

/** The top-level command: its subcommands are added in {@link Main}, each with the same {@link Console}. */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves files into the systems that act on them (Braze, DynamoDB, PostgreSQL), resumably,"
                + " at the destination's rate, with every bad row explained and nothing imported twice.",
        footer = {"",
                "Environment:",
                "  BRAZE_API_URL   Braze REST endpoint, e.g. https://rest.iad-01.braze.com.",
                "                  Unset: imports go to a built-in Braze sandbox on this machine.",
                "  BRAZE_API_KEY   Braze REST API key with the users.track permission.",
                "  SLUICE_POSTGRES_URL  JDBC URL for --to postgres and 'sluice batches' (password: PGPASSWORD).",
                "  AWS_REGION, AWS_ENDPOINT_URL_<SERVICE>, AWS_ACCESS_KEY_ID, ...  as for any AWS tool.",
                "",
                "Exit codes: 0 all rows accepted or skipped; 1 finished with rejected rows;",
                "            2 bad usage or configuration (nothing sent); 3 stopped (resumable);",
                "            serve (--looks, --stop-when-idle): the same for all the files it took; 143 after SIGTERM."})
final class SluiceCommand {
}
