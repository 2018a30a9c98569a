package dev.sluice.postgres.load;

public enum DriftPolicy { ADD_COLUMN, FAIL }
