package dev.sluice.braze.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters since start or the last reset. Only {@code /users/track} requests are counted.
 *
 * @param requests               requests received, faulted ones included
 * @param users                  profiles stored now (all identifier kinds)
 * @param objectsAccepted        valid attribute, event and purchase objects in 201 responses
 * @param objectsRejected        objects reported in {@code errors[]}
 * @param objectsIgnoredNotFound accepted objects dropped because of {@code _update_existing_only}
 *                               (or an alias / braze_id) and no such profile
 * @param valuesTruncated        strings cut to 255 characters
 * @param eventsAccepted         accepted event objects (part of objectsAccepted)
 * @param purchasesAccepted      accepted purchase objects (part of objectsAccepted)
 * @param faultsInjected         requests that got a scripted or random fault
 * @param connectionsReset       faulted requests whose connection was closed without a response
 * @param requestsHung           faulted requests that were never answered
 * @param bytesReceived          request body bytes read
 * @param statusCounts           responses by HTTP status; resets and hangs have none
 */
public record SandboxStats(
        long requests,
        long users,
        long objectsAccepted,
        long objectsRejected,
        long objectsIgnoredNotFound,
        long valuesTruncated,
        long eventsAccepted,
        long purchasesAccepted,
        long faultsInjected,
        long connectionsReset,
        long requestsHung,
        long bytesReceived,
        Map<Integer, Long> statusCounts) {

    public SandboxStats {
        statusCounts = Map.copyOf(statusCounts);
    }

    /** Responses sent with {@code status}. */
    public long status(int status) {
        return statusCounts.getOrDefault(status, 0L);
    }

    /** The {@code GET /sandbox/stats} body: snake_case names, status codes as strings in order. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requests", requests);
        json.put("users", users);
        json.put("objects_accepted", objectsAccepted);
        json.put("objects_rejected", objectsRejected);
        json.put("objects_ignored_not_found", objectsIgnoredNotFound);
        json.put("values_truncated", valuesTruncated);
        json.put("events_accepted", eventsAccepted);
        json.put("purchases_accepted", purchasesAccepted);
        json.put("faults_injected", faultsInjected);
        json.put("connections_reset", connectionsReset);
        json.put("requests_hung", requestsHung);
        json.put("bytes_received", bytesReceived);
        Map<String, Long> statuses = new LinkedHashMap<>();
        new TreeMap<>(statusCounts).forEach((code, n) -> statuses.put(code.toString(), n));
        json.put("status_counts", statuses);
        return json;
    }
}
