package dev.sluice.personalize.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kind of batch job whose output a connector job reads: the {@code <job_type>} folder of
 * {@code etl_jobs/<job_type>/<job_name>/}.
 */
public enum JobType {
    /** SIMS / Similar-Items: one line per query item, mapped to users through the user-item mapping. */
    RELATED_ITEMS("related_items", "input.itemId", "queryItemId"),
    /** User-Personalization (and Popularity-Count): one line per user. */
    USER_PERSONALIZATION("user_personalization", "input.userId", "queryUserId"),
    /** Personalized-Ranking: one line per user with a re-ranked {@code itemList}; same rows as user_personalization. */
    PERSONALIZED_RANKING("personalized_ranking", "input.userId", "queryUserId");

    private final String folder;
    private final String queryField;
    private final String rowKey;

    JobType(String folder, String queryField, String rowKey) {
        this.folder = folder;
        this.queryField = queryField;
        this.rowKey = rowKey;
    }

    /** The folder name, as in {@code etl_jobs/related_items/}. */
    public String folder() {
        return folder;
    }

    /** Where a batch line names what it was asked about. */
    public String queryField() {
        return queryField;
    }

    /** The output row's key for the query: {@code queryItemId} or {@code queryUserId}. */
    public String rowKey() {
        return rowKey;
    }

    /** True when lines name users directly; false when users come from the user-item mapping. */
    public boolean perUser() {
        return this != RELATED_ITEMS;
    }

    /** The type of a folder name, or null. */
    public static JobType ofFolder(String name) {
        for (JobType t : values()) {
            if (t.folder.equals(name)) {
                return t;
            }
        }
        return null;
    }

    public static JobType parse(String name) {
        JobType type = ofFolder(name == null ? "" : name.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new JobConfigException("unknown job type '" + name + "': expected one of " + names());
        }
        return type;
    }

    public static String names() {
        return Arrays.stream(values()).map(JobType::folder).collect(Collectors.joining(", "));
    }
}
