package dev.sluice.core.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The top-level {@code controlshift:} section: ControlShift bulk-data webhooks loaded into PostgreSQL by
 * {@code sluice serve}. A null component was not set in the file: the pipeline's default applies.
 * {@link #toString()} shows neither the JDBC URLs (they may carry a password) nor the secret.
 *
 * @param storeUrl         the batch store, a PostgreSQL JDBC URL; always set
 * @param targetUrl        the mirror database, a PostgreSQL JDBC URL; null: the store
 * @param webhookSecret    the ControlShift endpoint's secret; always set, non-blank, and always from an
 *                         environment variable
 * @param allowedHosts     hosts exports may be downloaded from (exact, or {@code *.domain})
 * @param allowHttp        whether {@code http://} export URLs are fetched (a local test server)
 * @param spool            where downloads wait for their batch, absolute
 * @param schema           the schema of the mirror tables
 * @param tables           ControlShift table → target table, for those that differ
 * @param incremental      {@code upsert} or {@code append}
 * @param drift            {@code add_column} or {@code fail}
 * @param batchFiles       a batch closes at this many files
 * @param batchMaxAge      … or when its oldest file waited this long
 * @param batchMaxBytes    … or at this many bytes of CSV
 * @param lease            how long a worker may hold a batch
 * @param statementTimeout per load transaction
 * @param notifySuccess    POSTed each COMPLETE batch, an http(s) URL
 * @param notifyFailure    POSTed each ERROR batch, an http(s) URL
 */
public record ControlShiftConfig(String storeUrl, String targetUrl, String webhookSecret, List<String> allowedHosts,
        Boolean allowHttp, Path spool, String schema, Map<String, String> tables, String incremental, String drift,
        Integer batchFiles, Duration batchMaxAge, Integer batchMaxBytes, Duration lease, Duration statementTimeout,
        String notifySuccess, String notifyFailure) {

    public ControlShiftConfig {
        allowedHosts = allowedHosts == null ? null : List.copyOf(allowedHosts);
        tables = Map.copyOf(tables);
    }

    @Override
    public String toString() {
        return "ControlShiftConfig[store=****, target=" + (targetUrl == null ? "store" : "****") + ", webhookSecret=****"
                + ", allowedHosts=" + allowedHosts + ", allowHttp=" + allowHttp + ", spool=" + spool + ", schema=" + schema
                + ", tables=" + tables + ", incremental=" + incremental + ", drift=" + drift + ", batchFiles=" + batchFiles
                + ", batchMaxAge=" + batchMaxAge + ", batchMaxBytes=" + batchMaxBytes + ", lease=" + lease
                + ", statementTimeout=" + statementTimeout + ", notifySuccess=" + notifySuccess + ", notifyFailure="
                + notifyFailure + "]";
    }
}
