package dev.sluice.core.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a job: one version of one source object going to one destination. The same file
 * sent to two workspaces is two jobs; the same file edited and sent again is a new job.
 */
public final class JobKey {
    private JobKey() {
    }

    public static String of(String sourceUri, String sourceVersion, String destination) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String identity = sourceUri + '\n' + sourceVersion + '\n' + destination;
            return HexFormat.of().formatHex(sha.digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
