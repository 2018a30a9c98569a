package dev.sluice.cli;

import picocli.CommandLine.Command;

/** The top-level command: its subcommands are added in {@link Main}, each with the same {@link Console}. */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves files into the systems that act on them: a CSV of users into Braze, resumably, "
                + "at the rate limit, with every bad row explained.",
        footer = {"",
                "Environment:",
                "  BRAZE_API_URL   Braze REST endpoint, e.g. https://rest.iad-01.braze.com.",
                "                  Unset: imports go to a built-in Braze sandbox on this machine.",
                "  BRAZE_API_KEY   Braze REST API key with the users.track permission.",
                "",
                "Exit codes: 0 all rows accepted or skipped; 1 finished with rejected rows;",
                "            2 bad usage or configuration (nothing sent); 3 stopped (resumable)."})
final class SluiceCommand {
}
