package dev.sluice.postgres.load;

public record LoadRequest(TableDef table, LoadMode mode, java.util.List<LoadFile> files, DriftPolicy drift) {}
