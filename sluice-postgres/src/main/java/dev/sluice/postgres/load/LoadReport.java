package dev.sluice.postgres.load;

public record LoadReport(long rowsLoaded, long rowsRejected, java.util.List<String> addedColumns, java.util.List<String> missingColumns) {}
