package dev.sluice.personalize.delta;

import dev.sluice.personalize.job.Folder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a connector last synced: the fingerprint ({@link Murmur3}) of every canonical row of its last
 * successful run, under {@code output/<connector>/state/}.
 *
 * <pre>
 * state/CURRENT                          the name of the current generation (text)
 * state/fingerprints-&lt;time&gt;-&lt;id&gt;.bin     "SLUICEFP", version 1, count, then count × (h1, h2)
 * </pre>
 * A run writes a new generation file, then replaces {@code CURRENT} (one atomic rename or PUT), then
 * removes the generation before the previous one: a crash at any point leaves {@code CURRENT} naming a
 * complete file. Fingerprints instead of rows keep the state small (16 bytes per row on disk) and the
 * comparison in memory bounded.
 */
public final class DeltaState {
    public static final String FOLDER = "state/";
    private static final String CURRENT = FOLDER + "CURRENT";
    private static final byte[] MAGIC = "SLUICEFP".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final Folder connectorFolder;

    /** @param connectorFolder {@code output/<connector>/} of the job */
    public DeltaState(Folder connectorFolder) {
        this.connectorFolder = connectorFolder;
    }

    /** The last synced fingerprints; empty when there is no state yet. */
    public FingerprintSet load() throws IOException {
        String generation = current();
        if (generation == null) {
            return new FingerprintSet(16);
        }
        String key = FOLDER + generation;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(connectorFolder.open(key), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            int version = in.readInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new IOException(connectorFolder.describe() + key + ": not a Sluice state file (version " + VERSION
                        + ")");
            }
            long count = in.readLong();
            FingerprintSet set = new FingerprintSet((int) Math.min(count, Integer.MAX_VALUE / 4));
            for (long i = 0; i < count; i++) {
                set.add(in.readLong(), in.readLong());
            }
            return set;
        } catch (EOFException e) {
            throw new IOException(connectorFolder.describe() + key + ": the state file is cut short", e);
        }
    }

    /** Makes {@code fingerprints} the state, atomically; {@code stamp} names the generation. */
    public void replace(FingerprintSet fingerprints, String stamp) throws IOException {
        String previous = current();
        String generation = Folder.uniqueName("fingerprints-" + stamp + "-", ".bin");
        Path staged = connectorFolder.stage(FOLDER + generation);
        try (OutputStream file = Files.newOutputStream(staged);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16))) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(fingerprints.size());
            fingerprints.visit((h1, h2) -> {
                out.writeLong(h1);
                out.writeLong(h2);
            });
        }
        connectorFolder.publish(staged, FOLDER + generation);
        connectorFolder.write(CURRENT, (generation + "\n").getBytes(StandardCharsets.UTF_8));
        removeOlderThan(previous, generation);
    }

    /** Keeps the new generation and the one before it (for a reader that opened it just before the swap). */
    private void removeOlderThan(String previous, String current) throws IOException {
        for (var object : connectorFolder.list(FOLDER + "fingerprints-")) {
            String name = object.key().substring(FOLDER.length());
            if (!name.equals(previous) && !name.equals(current)) {
                connectorFolder.delete(object.key());
            }
        }
    }

    private String current() throws IOException {
        if (!connectorFolder.exists(CURRENT)) {
            return null;
        }
        try (InputStream in = connectorFolder.open(CURRENT)) {
            String name = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? null : name;
        }
    }
}
