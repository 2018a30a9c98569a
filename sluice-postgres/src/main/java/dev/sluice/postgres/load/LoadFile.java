package dev.sluice.postgres.load;

/** A plain CSV (already decompressed), header row first. */
public record LoadFile(String key, java.nio.file.Path path, java.time.Instant exportTs) {}
