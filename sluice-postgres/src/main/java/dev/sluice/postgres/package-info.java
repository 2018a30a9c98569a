/**
 * PostgreSQL as a destination and as shared state: {@code load} moves CSV files into tables with
 * COPY (full refresh swapped atomically, incremental upserts), {@code ledger} keeps the job ledger in
 * a database that several {@code sluice serve} instances share.
 */
package dev.sluice.postgres;
