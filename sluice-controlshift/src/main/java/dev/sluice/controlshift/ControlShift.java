package dev.sluice.controlshift;

import dev.sluice.controlshift.batch.BatchLoader;
import dev.sluice.controlshift.batch.BatchStore;
import dev.sluice.controlshift.batch.LoadListener;
import dev.sluice.controlshift.batch.TargetTables;
import dev.sluice.controlshift.catalog.ControlShiftCatalog;
import dev.sluice.controlshift.fetch.Downloader;
import dev.sluice.controlshift.notify.Notifier;
import dev.sluice.controlshift.notify.WebhookNotifier;
import dev.sluice.controlshift.store.Database;
import dev.sluice.controlshift.store.EventStore;
import dev.sluice.controlshift.store.StoreSchema;
import dev.sluice.controlshift.webhook.ControlShiftWebhook;
import dev.sluice.postgres.load.TableLoader;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ControlShift pipeline, wired from its settings: {@link #webhook()} for {@code POST
 * /webhooks/controlshift}, {@link #worker()} for the schedule, {@link #batches()} for the admin verbs.
 */
public final class ControlShift {
    private static final Logger LOG = LoggerFactory.getLogger(ControlShift.class);

    private final ControlShiftWebhook webhook;
    private final ControlShiftWorker worker;
    private final BatchStore batches;

    private ControlShift(ControlShiftWebhook webhook, ControlShiftWorker worker, BatchStore batches) {
        this.webhook = webhook;
        this.worker = worker;
        this.batches = batches;
    }

    /** Creates the store's tables when missing, then wires the parts (the table loader keeps its ledger in the target). */
    public static ControlShift start(ControlShiftSettings settings, TableLoader tableLoader, Clock clock) throws SQLException {
        return start(settings, tableLoader, new WebhookNotifier(settings.successUrl(), settings.failureUrl()), clock,
                (batch, target, keys, rows) -> LOG.debug("batch {}: {} rows from {} files committed into {}", batch, rows, keys.size(), target));
    }

    public static ControlShift start(ControlShiftSettings settings, TableLoader tableLoader, Notifier notifier, Clock clock,
            LoadListener listener) throws SQLException {
        Database store = Database.of(settings.storeJdbcUrl());
        Database target = Database.of(settings.targetJdbcUrl());
        StoreSchema.ensureStore(store);
        EventStore events = new EventStore(store);
        BatchStore batches = new BatchStore(store, settings.batches());
        TargetTables tables = new TargetTables(settings.targetSchema(), settings.tableRenames(), settings.incrementalMode(),
                settings.drift(), ControlShiftCatalog.bundled());
        BatchLoader loader = new BatchLoader(target, tableLoader, tables, batches, settings.statementTimeout(), listener);
        ControlShiftWorker worker = new ControlShiftWorker(settings.workerId(), events,
                new Downloader(settings.downloads(), settings.spoolDir()), settings.downloads(), batches, loader, notifier, clock);
        return new ControlShift(new ControlShiftWebhook(events, settings.webhookSecret(), clock), worker, batches);
    }

    public ControlShiftWebhook webhook() {
        return webhook;
    }

    public ControlShiftWorker worker() {
        return worker;
    }

    public BatchStore batches() {
        return batches;
    }
}
