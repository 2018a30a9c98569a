package dev.sluice.braze.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link SandboxStats}; LongAdders because every worker thread bumps them. */
final class StatsCounters {

    final LongAdder requests = new LongAdder();
    final LongAdder objectsAccepted = new LongAdder();
    final LongAdder objectsRejected = new LongAdder();
    final LongAdder objectsIgnoredNotFound = new LongAdder();
    final LongAdder valuesTruncated = new LongAdder();
    final LongAdder eventsAccepted = new LongAdder();
    final LongAdder purchasesAccepted = new LongAdder();
    final LongAdder faultsInjected = new LongAdder();
    final LongAdder connectionsReset = new LongAdder();
    final LongAdder requestsHung = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    private final Map<Integer, LongAdder> statusCounts = new ConcurrentHashMap<>();

    void status(int status) {
        statusCounts.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    SandboxStats snapshot(long users) {
        Map<Integer, Long> statuses = new TreeMap<>();
        statusCounts.forEach((status, n) -> statuses.put(status, n.sum()));
        return new SandboxStats(requests.sum(), users, objectsAccepted.sum(), objectsRejected.sum(),
                objectsIgnoredNotFound.sum(), valuesTruncated.sum(), eventsAccepted.sum(),
                purchasesAccepted.sum(), faultsInjected.sum(), connectionsReset.sum(), requestsHung.sum(),
                bytesReceived.sum(), statuses);
    }

    void reset() {
        for (LongAdder adder : new LongAdder[] {requests, objectsAccepted, objectsRejected, objectsIgnoredNotFound,
                valuesTruncated, eventsAccepted, purchasesAccepted, faultsInjected, connectionsReset,
                requestsHung, bytesReceived}) {
            adder.reset();
        }
        statusCounts.clear();
    }
}
