package dev.sluice.cli;

/** Opens the destination {@code --to} names, with its own options. */
final class Destinations {
    private Destinations() {
    }

    /** For an import: everything needed to send. Null concurrency or attempts take the destination's defaults. */
    static Destination<?> forImport(Console console, FileOptions file, BrazeOptions braze, DynamoOptions dynamo,
            Integer concurrency, Integer maxAttempts, boolean announce) {
        return switch (file.destination()) {
            case "braze" -> BrazeDestinationSetup.sending(console, file, braze, concurrency, maxAttempts, announce);
            default -> DynamoDestinationSetup.open(console, file, dynamo, concurrency, maxAttempts);
        };
    }

    /** For {@code validate}: Braze is not reached at all; DynamoDB is asked for the table's key schema only. */
    static Destination<?> forValidate(Console console, FileOptions file, BrazeOptions braze, DynamoOptions dynamo) {
        return switch (file.destination()) {
            case "braze" -> BrazeDestinationSetup.dryRun(console, file, braze);
            case "postgres" -> throw new IllegalArgumentException("validate does not support postgres yet: the import"
                    + " itself checks every cell against the table's types before anything is committed");
            default -> DynamoDestinationSetup.open(console, file, dynamo, null, null);
        };
    }
}
