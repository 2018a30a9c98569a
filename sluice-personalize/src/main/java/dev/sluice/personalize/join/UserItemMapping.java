package dev.sluice.personalize.join;

import dev.sluice.core.csv.CsvOptions;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRow;
import dev.sluice.core.record.HeaderException;
import dev.sluice.core.source.ObjectInfo;
import dev.sluice.personalize.job.Folder;
import dev.sluice.personalize.job.JobConfigException;
import dev.sluice.personalize.report.Reject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The users to whom each query item's related items go, from the CSV files of
 * {@code input/user_item_mapping/} (header required; columns {@code USER_ID} and {@code ITEM_ID} by
 * default). Held in memory as item → users: its size is the mapping's, not the batch output's.
 * A user-item pair listed twice counts once.
 */
public final class UserItemMapping {
    private static final String[] NONE = new String[0];
    private final Map<String, String[]> usersByItem;
    private final long rows;
    private final long pairs;

    private UserItemMapping(Map<String, String[]> usersByItem, long rows, long pairs) {
        this.usersByItem = usersByItem;
        this.rows = rows;
        this.pairs = pairs;
    }

    /** Reads every CSV under {@code prefix}; rows without both ids go to {@code rejects}. */
    public static UserItemMapping load(Folder folder, String prefix, String userColumn, String itemColumn,
            Consumer<Reject> rejects) {
        List<ObjectInfo> files = folder.require(prefix, "user-item mapping files (CSV with " + userColumn + " and "
                + itemColumn + " columns; required for related_items)");
        Map<String, Object> collected = new HashMap<>();
        long rows = 0;
        for (ObjectInfo file : files) {
            if (file.size() == 0) {
                continue;
            }
            rows += readFile(folder, file.key(), userColumn, itemColumn, collected, rejects);
        }
        Map<String, String[]> byItem = new HashMap<>(collected.size() * 4 / 3 + 1);
        long pairs = 0;
        for (Map.Entry<String, Object> e : collected.entrySet()) {
            String[] users = e.getValue() instanceof String one ? new String[] {one}
                    : new LinkedHashSet<>(castList(e.getValue())).toArray(NONE);
            byItem.put(e.getKey(), users);
            pairs += users.length;
        }
        return new UserItemMapping(byItem, rows, pairs);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    private static long readFile(Folder folder, String key, String userColumn, String itemColumn,
            Map<String, Object> collected, Consumer<Reject> rejects) {
        String name = folder.describe() + key;
        long rows = 0;
        try (InputStream in = folder.open(key); CsvReader csv = CsvReader.atStart(in, name, CsvOptions.DEFAULT)) {
            if (csv.header() == null) {
                return 0;
            }
            List<String> header = csv.header().names();
            int user = column(header, userColumn, name);
            int item = column(header, itemColumn, name);
            for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                rows++;
                Problem problem = problem(row, user, item, userColumn, itemColumn);
                if (problem != null) {
                    rejects.accept(new Reject(name, row.position().line(), problem.column(), problem.reason(),
                            row.rawText()));
                    continue;
                }
                add(collected, row.fields()[item], row.fields()[user]);
            }
        } catch (HeaderException e) {
            throw new JobConfigException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
        return rows;
    }

    private static int column(List<String> header, String wanted, String file) {
        int i = header.indexOf(wanted);
        if (i < 0) {
            throw new JobConfigException(file + ": line 1: no " + wanted + " column in the header " + header
                    + " (set mappingUserColumn / mappingItemColumn in config.json for other names)");
        }
        return i;
    }

    /** Why a row cannot be used; column 0 when the whole row is at fault. */
    private record Problem(int column, String reason) {
    }

    /** Null for a usable row. */
    private static Problem problem(CsvRow row, int user, int item, String userColumn, String itemColumn) {
        if (row.malformed()) {
            return new Problem(0, row.syntaxError());
        }
        String[] f = row.fields();
        if (f.length <= Math.max(user, item)) {
            return new Problem(f.length + 1, "the row has " + f.length + " fields, fewer than the header");
        }
        if (f[user].isBlank()) {
            return new Problem(user + 1, "empty " + userColumn);
        }
        if (f[item].isBlank()) {
            return new Problem(item + 1, "empty " + itemColumn);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> collected, String item, String user) {
        collected.merge(item, user, (old, added) -> {
            if (old instanceof String first) {
                List<String> list = new ArrayList<>(2);
                list.add(first);
                list.add((String) added);
                return list;
            }
            ((List<String>) old).add((String) added);
            return old;
        });
    }

    /** The users mapped to an item, in file order; empty when none. */
    public String[] users(String itemId) {
        String[] users = usersByItem.get(itemId);
        return users == null ? NONE : users;
    }

    public boolean contains(String itemId) {
        return usersByItem.containsKey(itemId);
    }

    /** Data rows read, rejected ones included. */
    public long rows() {
        return rows;
    }

    /** Distinct user-item pairs. */
    public long pairs() {
        return pairs;
    }

    public int items() {
        return usersByItem.size();
    }

    /** The mapped items; for counting those the batch output did not have. */
    public Iterable<String> itemIds() {
        return usersByItem.keySet();
    }
}
