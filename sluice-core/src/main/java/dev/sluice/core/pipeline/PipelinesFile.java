package dev.sluice.core.pipeline;

import dev.sluice.core.pipeline.YamlTree.Entry;
import dev.sluice.core.pipeline.YamlTree.ListNode;
import dev.sluice.core.pipeline.YamlTree.MapNode;
import dev.sluice.core.pipeline.YamlTree.Node;
import dev.sluice.core.pipeline.YamlTree.Place;
import dev.sluice.core.pipeline.YamlTree.ScalarNode;
import dev.sluice.core.rate.RateLimit;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pipelines file ({@code sluice.yaml}): named pipelines, each a source, a format, column types and
 * a destination. The format is described in the package documentation; in short:
 *
 * <pre>
 * state: .sluice                 # or, shared by several instances:
 * ledger: ${SLUICE_LEDGER_URL}   # jdbc:postgresql://db:5432/sluice
 * pipelines:
 *   braze_users:
 *     source: { folder: ./incoming, suffix: [.csv, .csv.gz] }
 *     format: { delimiter: ",", empty_cells: omit }
 *     types: { age: int }
 *     destination:
 *       braze: { rest_url: ${BRAZE_API_URL}, api_key: ${BRAZE_API_KEY} }
 * </pre>
 *
 * <p>Every problem is a {@link PipelineConfigException} naming the file, line, column and dotted field;
 * the first problem found stops the load.
 */
public final class PipelinesFile {
    private static final Pattern PIPELINE_NAME = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern BUCKET_URI =
            Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?", Pattern.DOTALL);
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern DYNAMO_TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final List<String> MODES = List.of("put", "upsert", "insert-only", "update-only");
    /** Keys whose value is a secret: the variables they name are never shown in a message. */
    private static final Set<String> SECRET_KEYS = Set.of("api_key", "webhook_secret");
    private static final List<String> EMPTY_CELLS = List.of("omit", "null", "empty-string", "error");

    private PipelinesFile() {
    }

    /**
     * Reads and validates a pipelines file.
     *
     * @param file the file; messages name it as given, relative paths in it are resolved against its directory
     * @param env  the environment to substitute {@code ${NAME}} from (the process's, or a test's own)
     * @throws PipelineConfigException the first problem, with file, line, column and field
     */
    public static Pipelines load(Path file, Map<String, String> env) throws PipelineConfigException {
        Objects.requireNonNull(file, "file");
        Reading reading = new Reading(file, env == null ? Map.of() : env, Set.of());
        String text = read(file, reading);
        Node root = YamlTree.parse(text, reading);
        if (root == null) {
            throw reading.error(Place.START, "", "the file is empty; it needs a 'pipelines:' map with at least one"
                    + " pipeline");
        }
        reading = reading.withSecrets(secretVariables(root));
        if (!(root instanceof MapNode)) {
            throw reading.error(root.place(), "", "expected a map with 'pipelines:' at the top, got "
                    + root.kindName());
        }
        Section top = Section.of(reading, root, "", Place.START);
        top.allow("state", "ledger", "pipelines", "personalize_queues", "controlshift");
        Path dir = file.toAbsolutePath().normalize().getParent();
        Path state = resolve(dir, top, "state", ".sluice");
        String ledger = ledgerUrl(top);
        Map<String, PersonalizeQueue> queues = personalizeQueues(reading, top.section("personalize_queues"));
        Section cs = top.section("controlshift");
        ControlShiftConfig controlShift = cs == null ? null : controlShift(cs, dir, state);
        Section list = top.section("pipelines");
        if (list == null && queues.isEmpty() && controlShift == null) {
            throw top.missing("pipelines", "no pipelines: add a 'pipelines:' map with at least one pipeline"
                    + " (or a 'controlshift:' section)");
        }
        if (list != null && list.entries().isEmpty()) {
            throw list.errorHere("no pipelines: name at least one under 'pipelines:'");
        }
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        for (Entry entry : list == null ? List.<Entry>of() : list.entries().values()) {
            String name = entry.key();
            if (!PIPELINE_NAME.matcher(name).matches()) {
                throw reading.error(entry.keyPlace(), list.field(name), "a pipeline name is lower-case letters,"
                        + " digits, _ and -, e.g. braze_users");
            }
            Section p = Section.of(reading, entry.value(), list.field(name), entry.keyPlace());
            pipelines.put(name, pipeline(name, p, dir));
        }
        return new Pipelines(file.toAbsolutePath().normalize(), state, ledger, pipelines, queues, controlShift);
    }

    /** {@code controlshift:}, the webhook intake {@code sluice serve} mounts. */
    private static ControlShiftConfig controlShift(Section s, Path dir, Path state) throws PipelineConfigException {
        s.allow("store", "target", "webhook_secret", "allowed_hosts", "allow_http", "spool", "schema", "tables",
                "incremental", "drift", "batch", "statement_timeout", "notify");
        String store = jdbcUrl(s, "store");
        if (store == null) {
            throw s.missing("store", "is required: the batch store's PostgreSQL JDBC URL, e.g. ${CONTROLSHIFT_DB_URL}");
        }
        String target = jdbcUrl(s, "target");
        String secret = secretReference(s, "webhook_secret", "put the secret ControlShift shows for the webhook endpoint"
                + " in an environment variable and write ${CONTROLSHIFT_WEBHOOK_SECRET}");
        List<String> hosts = s.strings("allowed_hosts");
        Boolean allowHttp = s.bool("allow_http");
        Path spool = resolve(dir, s, "spool", null);
        String schema = s.nonBlank("schema");
        Map<String, String> tables = s.stringMap("tables");
        Section.Value inc = s.value("incremental");
        String incremental = inc == null ? null : oneOf(s, inc, List.of("upsert", "append"));
        Section.Value dr = s.value("drift");
        String drift = dr == null ? null : oneOf(s, dr, List.of("add_column", "fail"));
        Section batch = s.section("batch");
        Integer files = null;
        Duration maxAge = null;
        Integer maxBytes = null;
        Duration lease = null;
        if (batch != null) {
            batch.allow("files", "max_age", "max_bytes", "lease");
            files = batch.integer("files", 1);
            maxAge = batch.duration("max_age", Duration.ZERO);
            maxBytes = batch.integer("max_bytes", 1);
            lease = batch.duration("lease", Duration.ofSeconds(10));
        }
        Duration statementTimeout = s.duration("statement_timeout", Duration.ZERO);
        Section notify = s.section("notify");
        String success = null;
        String failure = null;
        if (notify != null) {
            notify.allow("success", "failure");
            success = url(notify, "success", "an http(s) URL that receives each completed batch");
            failure = url(notify, "failure", "an http(s) URL that receives each failed batch");
        }
        return new ControlShiftConfig(store, target, secret, hosts, allowHttp,
                spool == null ? state.resolve("controlshift-spool") : spool, schema, tables, incremental, drift, files,
                maxAge, maxBytes, lease, statementTimeout, success, failure);
    }

    /** A PostgreSQL JDBC URL, or null; never quoted in a message (it may carry a password). */
    private static String jdbcUrl(Section s, String key) throws PipelineConfigException {
        Section.Value v = s.value(key);
        if (v == null) {
            return null;
        }
        if (!v.text().startsWith("jdbc:postgresql://")) {
            throw s.error(v, "expected a PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/warehouse (value not shown)");
        }
        return v.text();
    }

    /** {@code personalize_queues:}: name → queue of recommendation rows and the Braze workspace they go to. */
    private static Map<String, PersonalizeQueue> personalizeQueues(Reading reading, Section list)
            throws PipelineConfigException {
        Map<String, PersonalizeQueue> queues = new LinkedHashMap<>();
        if (list == null) {
            return queues;
        }
        for (Entry entry : list.entries().values()) {
            String name = entry.key();
            if (!PIPELINE_NAME.matcher(name).matches()) {
                throw reading.error(entry.keyPlace(), list.field(name), "a queue's name is lower-case letters,"
                        + " digits, _ and -, e.g. braze_recommendations");
            }
            Section q = Section.of(reading, entry.value(), list.field(name), entry.keyPlace());
            q.allow("queue", "attribute_shape", "braze");
            String url = url(q, "queue", "the SQS queue's URL, e.g. ${RECOMMENDATIONS_QUEUE_URL}");
            if (url == null) {
                url = q.required("queue", "write the SQS queue's URL, e.g. ${RECOMMENDATIONS_QUEUE_URL}");
            }
            Section.Value shape = q.value("attribute_shape");
            if (shape != null && !List.of("objects", "arrays").contains(shape.text())) {
                throw q.error(shape, "expected objects (one array of objects, recommended) or arrays (the seed's"
                        + " parallel arrays), got '" + shape.text() + "'");
            }
            Section braze = q.section("braze");
            if (braze == null) {
                throw q.missing("braze", "a queue needs the Braze workspace its rows go to: 'braze: { rest_url:"
                        + " ${BRAZE_API_URL}, api_key: ${BRAZE_API_KEY} }'");
            }
            queues.put(name, new PersonalizeQueue(name, url, shape == null ? "objects" : shape.text(), braze(braze)));
        }
        return queues;
    }

    /** {@code ledger:}, a shared ledger's JDBC URL (several serve instances claim files in it), or null. */
    private static String ledgerUrl(Section top) throws PipelineConfigException {
        Section.Value v = top.value("ledger");
        if (v == null) {
            return null;
        }
        if (!v.text().startsWith("jdbc:postgresql://")) {
            throw top.error(v, "a shared ledger is a PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/sluice;"
                    + " leave 'ledger' out to keep the ledger in the 'state' folder");
        }
        return v.text();
    }

    private static Pipeline pipeline(String name, Section p, Path dir) throws PipelineConfigException {
        p.allow("source", "format", "types", "destination");
        Section source = p.section("source");
        if (source == null) {
            throw p.missing("source", "a pipeline needs a source: 'folder: ./incoming' or 'bucket: s3://bucket/prefix/'");
        }
        Source src = source(source, dir);
        Section formatSection = p.section("format");
        Format format = formatSection == null ? Format.DEFAULT : format(formatSection);
        Map<String, String> types = p.stringMap("types");
        Section destination = p.section("destination");
        if (destination == null) {
            throw p.missing("destination", "a pipeline needs a destination: 'braze:' or 'dynamodb:'");
        }
        Destination dest = destination(destination);
        if ("error".equals(format.emptyCells()) && dest instanceof BrazeDestinationConfig) {
            Section.Value v = formatSection.value("empty_cells");
            throw formatSection.error(v, "'error' is for DynamoDB; for Braze write omit, null or empty-string");
        }
        return new Pipeline(name, src, format, types, dest);
    }

    private static Source source(Section s, Path dir) throws PipelineConfigException {
        s.allow("folder", "bucket", "queue", "poll", "prefix", "suffix", "done", "failed");
        if (s.has("folder") && s.has("bucket")) {
            throw s.errorAtKey(s.later("folder", "bucket"), "write folder or bucket, not both");
        }
        if (!s.has("folder") && !s.has("bucket")) {
            throw s.errorHere("needs 'folder: ./incoming' (a local directory) or 'bucket: s3://bucket/prefix/'");
        }
        Path folder = null;
        String bucket = null;
        if (s.has("folder")) {
            folder = resolve(dir, s, "folder", null);
            if (folder == null) {
                throw s.errorAtKey("folder", "is empty; write a directory, e.g. ./incoming");
            }
        } else {
            Section.Value v = s.value("bucket");
            if (v == null) {
                throw s.errorAtKey("bucket", "is empty; write s3://bucket/optional/prefix/");
            }
            bucket = v.text().strip();
            Matcher m = BUCKET_URI.matcher(bucket);
            if (!m.matches() || m.group(1).contains("..") || (m.group(2) != null && m.group(2).startsWith("/"))) {
                throw s.error(v, "expected s3://bucket/optional/prefix/ (a bucket name is 3-63 lower-case letters,"
                        + " digits, . and -), got " + s.shown(v));
            }
        }
        String queue = null;
        if (s.has("queue")) {
            if (folder != null) {
                throw s.errorAtKey("queue", "a queue (S3 event notifications through SQS) goes with a bucket, not a"
                        + " folder");
            }
            queue = url(s, "queue", "an SQS queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/events");
        }
        Duration poll = s.duration("poll", Duration.ofMillis(1));
        if (poll != null && queue != null) {
            throw s.errorAtKey("poll", "poll goes with a folder, or a bucket without a queue; with a queue, new files"
                    + " arrive as events");
        }
        String prefix = s.string("prefix");
        List<String> suffixes = s.strings("suffix");
        String done = s.nonBlank("done");
        String failed = s.nonBlank("failed");
        if ((done == null ? Source.DEFAULT_DONE : done).equals(failed == null ? Source.DEFAULT_FAILED : failed)) {
            throw s.errorAtKey(s.has("failed") ? "failed" : "done", "done and failed must be different places");
        }
        return new Source(folder, bucket, queue, poll, prefix, suffixes, done, failed);
    }

    private static Format format(Section s) throws PipelineConfigException {
        s.allow("delimiter", "empty_cells");
        String delimiter = null;
        Section.Value d = s.value("delimiter");
        if (d != null) {
            delimiter = d.text().equalsIgnoreCase("tab") ? "\t" : d.text();
            if (delimiter.codePointCount(0, delimiter.length()) != 1 || delimiter.length() != 1
                    || delimiter.equals("\"") || delimiter.equals("\n") || delimiter.equals("\r")) {
                throw s.error(d, "expected one character such as ',' ';' or '|', or 'tab', got " + s.shown(d));
            }
        }
        String emptyCells = null;
        Section.Value e = s.value("empty_cells");
        if (e != null) {
            emptyCells = oneOf(s, e, EMPTY_CELLS);
        }
        return new Format(delimiter, emptyCells);
    }

    private static Destination destination(Section s) throws PipelineConfigException {
        List<String> kinds = List.of("braze", "dynamodb", "postgres");
        s.allow(kinds.toArray(String[]::new));
        List<String> given = kinds.stream().filter(s::has).toList();
        if (given.size() > 1) {
            throw s.errorAtKey(s.later(given.get(0), given.get(1)), "one destination per pipeline: "
                    + given.get(0) + " or " + given.get(1) + ", not both");
        }
        if (s.has("braze")) {
            return braze(s.section("braze"));
        }
        if (s.has("dynamodb")) {
            return dynamo(s.section("dynamodb"));
        }
        if (s.has("postgres")) {
            return postgres(s.section("postgres"));
        }
        throw s.errorHere("needs 'braze:', 'dynamodb:' or 'postgres:'");
    }

    private static PostgresDestinationConfig postgres(Section s) throws PipelineConfigException {
        s.allow("url", "table", "mode", "key", "add_columns");
        String url = s.required("url", "write the database's JDBC URL, e.g. ${SLUICE_POSTGRES_URL}");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw s.error(s.value("url"), "expected a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/warehouse"
                    + " (best through ${SLUICE_POSTGRES_URL}, so a password stays out of the file)");
        }
        String table = s.required("table", "write the table, e.g. signatures or controlshift.signatures");
        Section.Value m = s.value("mode");
        String mode = m == null ? null : oneOf(s, m, List.of("full", "incremental", "append"));
        return new PostgresDestinationConfig(url, table, mode, s.strings("key"), s.bool("add_columns"));
    }

    private static BrazeDestinationConfig braze(Section s) throws PipelineConfigException {
        s.allow("rest_url", "api_key", "id_column", "update_existing_only", "batch_size", "endpoint", "concurrency",
                "rate_limit", "timeout", "null_token");
        String restUrl = url(s, "rest_url", "the workspace's REST endpoint, e.g. https://rest.iad-01.braze.com, or"
                + " ${BRAZE_API_URL}");
        if (restUrl == null) {
            restUrl = s.required("rest_url", "write the workspace's REST endpoint, e.g. ${BRAZE_API_URL}");
        }
        String apiKey = secretReference(s, "api_key", "put the key in an environment variable and write ${BRAZE_API_KEY}");
        String idColumn = s.nonBlank("id_column");
        Boolean updateExistingOnly = s.bool("update_existing_only");
        Integer batchSize = s.integer("batch_size", 1);
        String endpoint = s.nonBlank("endpoint");
        if (endpoint != null && !endpoint.startsWith("/")) {
            Section.Value v = s.value("endpoint");
            throw s.error(v, "expected a path such as /users/track or /users/track/bulk, got " + s.shown(v));
        }
        Integer concurrency = s.integer("concurrency", 1);
        String rateLimit = null;
        Section.Value r = s.value("rate_limit");
        if (r != null) {
            try {
                RateLimit.parse(r.text());
            } catch (IllegalArgumentException e) {
                throw s.error(r, "expected <requests>/<period> such as 3000/3s, 50000/1m, or none; got " + s.shown(r));
            }
            rateLimit = r.text().strip();
        }
        Duration timeout = s.duration("timeout", Duration.ofSeconds(1));
        String nullToken = s.string("null_token");
        return new BrazeDestinationConfig(restUrl, apiKey, idColumn, updateExistingOnly, batchSize, endpoint,
                concurrency, rateLimit, timeout, nullToken);
    }

    /** A secret (an API key, a webhook secret) must be exactly {@code ${NAME}} in the file, the variable set and not blank. */
    private static String secretReference(Section s, String key, String hint) throws PipelineConfigException {
        if (!s.has(key)) {
            throw s.missing(key, "is required; " + hint);
        }
        String raw = s.raw(key);
        if (raw != null && !ENV_REFERENCE.matcher(raw.strip()).matches()) {
            String noun = key.equals("api_key") ? "key" : "secret";
            String why = raw.contains("${") && raw.contains(":-")
                    ? "a default would write the " + noun + " in the file" : "a " + noun + " written in the file ends up in"
                            + " copies and version control";
            throw s.errorAtKey(key, why + "; " + hint);
        }
        return s.required(key, hint).strip();
    }

    private static DynamoDestinationConfig dynamo(Section s) throws PipelineConfigException {
        s.allow("table", "mode", "key_templates", "infer", "region", "endpoint_url", "max_wcu", "concurrency");
        String table = s.required("table", "write the table's name");
        if (!DYNAMO_TABLE.matcher(table).matches()) {
            Section.Value v = s.value("table");
            throw s.error(v, "a DynamoDB table name is 3-255 letters, digits, _ . and -; got " + s.shown(v));
        }
        String mode = null;
        Section.Value m = s.value("mode");
        if (m != null) {
            mode = oneOf(s, m, MODES);
        }
        Map<String, String> keyTemplates = s.stringMap("key_templates");
        Boolean infer = s.bool("infer");
        String region = s.nonBlank("region");
        String endpointUrl = url(s, "endpoint_url", "an http(s) URL such as http://localhost:8000");
        Integer maxWcu = s.integer("max_wcu", 1);
        Integer concurrency = s.integer("concurrency", 1);
        return new DynamoDestinationConfig(table, mode, keyTemplates, infer, region, endpointUrl, maxWcu, concurrency);
    }

    /** One of {@code choices}, ignoring case and blanks; else an error with the choices and a suggestion. */
    private static String oneOf(Section s, Section.Value v, List<String> choices) throws PipelineConfigException {
        String t = v.text().strip().toLowerCase(Locale.ROOT);
        if (choices.contains(t)) {
            return t;
        }
        String close = Suggestions.closest(t, choices);
        throw s.error(v, "expected one of " + String.join(", ", choices) + ", got " + s.shown(v)
                + (close == null ? "" : "; did you mean '" + close + "'?"));
    }

    /** An http or https URL with a host, or null when not set. */
    private static String url(Section s, String key, String what) throws PipelineConfigException {
        Section.Value v = s.value(key);
        if (v == null) {
            return null;
        }
        String t = v.text().strip();
        try {
            URI uri = new URI(t);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return t;
            }
        } catch (URISyntaxException e) {
            // the message below says what is expected
        }
        throw s.error(v, "expected " + what + ", got " + s.shown(v));
    }

    /** A path under {@code key} resolved against the file's directory, or {@code fallback}'s, or null. */
    private static Path resolve(Path dir, Section s, String key, String fallback) throws PipelineConfigException {
        Section.Value v = s.value(key);
        String text = v == null ? fallback : v.text();
        if (v != null && text.isBlank()) {
            throw s.error(v, "is empty; write a directory");
        }
        if (text == null) {
            return null;
        }
        if (text.startsWith("~")) {
            throw s.error(v, "~ is not expanded here; write ${HOME}" + text.substring(1));
        }
        try {
            return dir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw s.error(v, "not a path: " + e.getReason());
        }
    }

    /** Variables that api_key fields name: never shown in a message wherever else they are used. */
    private static Set<String> secretVariables(Node node) {
        Set<String> names = new HashSet<>();
        collectSecrets(node, names);
        return names;
    }

    private static void collectSecrets(Node node, Set<String> names) {
        if (node instanceof MapNode map) {
            for (Entry entry : map.entries().values()) {
                if (SECRET_KEYS.contains(entry.key()) && entry.value() instanceof ScalarNode s && s.text() != null) {
                    names.addAll(EnvSubstitution.names(s.text()));
                }
                collectSecrets(entry.value(), names);
            }
        } else if (node instanceof ListNode list) {
            for (Node item : list.items()) {
                collectSecrets(item, names);
            }
        }
    }

    private static String read(Path file, Reading reading) throws PipelineConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PipelineConfigException(file, 0, 0, "", "no such file");
        } catch (AccessDeniedException e) {
            throw new PipelineConfigException(file, 0, 0, "", "cannot read: permission denied");
        } catch (IOException e) {
            throw new PipelineConfigException(file, 0, 0, "", "cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw reading.error(Place.START, "", "not UTF-8 text; save the file as UTF-8");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
