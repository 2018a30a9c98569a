package dev.sluice.personalize.run;

import java.util.List;

/**
 * One connector's part of a run.
 *
 * @param decorated  rows built (one per query user, or per query item and mapped user)
 * @param duplicates rows identical to an earlier row of this run, written once
 * @param unchanged  rows already sent by the last successful run (delta check)
 * @param changed    rows written to the output (decorated = duplicates + unchanged + changed)
 * @param deltaCheck whether the delta check was on
 * @param parts      the output files written, keys in the job folder
 * @param stateReplaced whether the state now holds this run's rows
 */
public record ConnectorReport(
        String name,
        long decorated,
        long duplicates,
        long unchanged,
        long changed,
        boolean deltaCheck,
        List<String> parts,
        DeliveryReport delivery,
        boolean stateReplaced) {
}
