/**
 * The pipelines file, {@code sluice.yaml}: named pipelines, each a source, a format, column types and a
 * destination, read by {@link dev.sluice.core.pipeline.PipelinesFile#load}.
 *
 * <pre>
 * state: .sluice                      # ledger directory, relative to this file's directory
 * pipelines:                          # name: [a-z0-9_-]+
 *   braze_users:
 *     source:                         # exactly one of folder / bucket
 *       folder: ./incoming            # relative to this file's directory
 *       # bucket: s3://my-bucket/users/
 *       # queue: https://sqs.eu-west-1.amazonaws.com/123456789012/users-events   (bucket only)
 *       poll: 30s                     # folder, or bucket without queue
 *       prefix: users/                # relative path (folder) or key after the URI's prefix (bucket)
 *       suffix: [.csv, .csv.gz]       # one or a list; default .csv
 *       done: done/                   # default done/, relative to where the file was found
 *       failed: failed/               # default failed/
 *     format:
 *       delimiter: ","                # one character, or tab
 *       empty_cells: omit             # omit | null | empty-string | error (DynamoDB only)
 *     types: { age: int, signup: time }   # column: type name, checked by the destination
 *     destination:                    # exactly one of braze / dynamodb
 *       braze:
 *         rest_url: ${BRAZE_API_URL}  # required, http(s)
 *         api_key: ${BRAZE_API_KEY}   # required, and only as ${NAME}
 *         id_column: user_id
 *         update_existing_only: false
 *         batch_size: 75
 *         endpoint: /users/track
 *         concurrency: 160
 *         rate_limit: 3000/3s         # or none
 *         timeout: 60s                # at least 1s
 *         null_token: "null"
 *   orders_to_dynamo:
 *     source: { folder: ./orders }
 *     destination:
 *       dynamodb:
 *         table: orders               # required
 *         mode: upsert                # put | upsert | insert-only | update-only
 *         key_templates: { pk: "CUST#{customer_id}", sk: "{order_date}#{order_id}" }
 *         infer: true
 *         region: ${AWS_REGION:-eu-west-1}
 *         endpoint_url: http://localhost:8000
 *         max_wcu: 500
 *         concurrency: 8
 * controlshift:                       # optional; pipelines: may be left out when it is there
 *   store: ${CONTROLSHIFT_DB_URL}     # required, jdbc:postgresql://…; never quoted in a message
 *   target: ${CONTROLSHIFT_TARGET_URL}   # default: the store
 *   webhook_secret: ${CONTROLSHIFT_WEBHOOK_SECRET}   # required, and only as ${NAME}
 *   allowed_hosts: [agra-data-exports-production.s3.amazonaws.com]
 *   allow_http: false
 *   spool: ./spool                    # default: STATE/controlshift-spool
 *   schema: controlshift
 *   tables: { signatures: cs_signatures }
 *   incremental: upsert               # upsert | append
 *   drift: add_column                 # add_column | fail
 *   batch: { files: 1, max_age: 2m, max_bytes: 1073741824, lease: 30m }
 *   statement_timeout: 20m
 *   notify: { success: https://…, failure: https://… }
 * </pre>
 *
 * <h2>Values</h2>
 * <ul>
 *   <li>{@code ${NAME}} and {@code ${NAME:-default}} are replaced in every scalar value (never in keys) from
 *       the environment map given to {@code load}; the default applies when the variable is unset or empty,
 *       as in a shell. An unset variable without a default is an error. {@code $${} writes a literal
 *       {@code ${}. The result is text and is not read as YAML again. Inside {@code { }} or {@code [ ]} a
 *       value with {@code ${…}} must be quoted ({@code "${NAME}"}), because braces are YAML's own there.</li>
 *   <li>A field is not set when it is absent, YAML null ({@code ~}, {@code null}, nothing), or made only of
 *       variables that are empty ({@code region: ${AWS_REGION:-}}); a component that is not set is null (the
 *       command's default applies), except where {@link dev.sluice.core.pipeline.Source} and
 *       {@link dev.sluice.core.pipeline.Pipeline} say they fill a default.</li>
 *   <li>What a scalar means is decided by its field, not by YAML: {@code prefix: 007} is the text
 *       {@code 007}; {@code batch_size: "75"} is the number 75. Booleans are {@code true} or {@code false}
 *       only (not YAML 1.1's yes/no/on/off); whole numbers are digits; durations are a whole number and one
 *       of ms, s, m, h ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}).</li>
 *   <li>Secrets: {@code api_key} (and {@code webhook_secret}) must be exactly {@code ${NAME}} in the file (a literal key, or a default,
 *       is refused). No message and no {@code toString()} shows a key: a message quoting a value that came
 *       from a variable an {@code api_key} names, or whose name looks secret (KEY, SECRET, TOKEN, PASSWORD…),
 *       shows the {@code ${NAME}} instead.</li>
 *   <li>Not supported: aliases ({@code *name}) and merge keys, more than one YAML document, duplicate keys.</li>
 * </ul>
 *
 * <h2>Errors and line numbers</h2>
 * Every problem is a {@link dev.sluice.core.pipeline.PipelineConfigException} with the file as named, a
 * 1-based line and column, and the dotted field ({@code pipelines.users.destination.braze.batch_size}, list
 * items as {@code suffix[1]}). The first problem stops the load; problems are found in file order within a
 * pipeline's parts (source, format, types, destination). Places come from walking Jackson's
 * {@code YAMLParser} token stream into a small tree of our own ({@code YamlTree}) that records
 * {@code currentTokenLocation()} for each key and each value, since {@code JsonNode} keeps none. A wrong
 * or unknown key points at the key; a bad value at the value; a missing key at the key that names the map
 * it is missing from; a YAML syntax error at SnakeYAML's problem mark.
 */
package dev.sluice.core.pipeline;
