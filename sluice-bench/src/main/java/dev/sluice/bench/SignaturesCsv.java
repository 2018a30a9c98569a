package dev.sluice.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A signatures-like CSV: the 49 columns of ControlShift's 2024 {@code signatures} export (its
 * published schema, {@code id} near the end), with values shaped like real ones — many empty cells,
 * user agents and hstore-style additional fields that need quoting, timestamps with microseconds.
 */
final class SignaturesCsv {
    /** name and PostgreSQL type, in the export's order (ControlShift's Redshift types with (max) dropped). */
    static final String[][] COLUMNS = {
        {"petition_id", "integer"}, {"email", "character varying"}, {"first_name", "character varying"},
        {"last_name", "character varying"}, {"phone_number", "character varying"}, {"postcode", "character varying"},
        {"created_at", "timestamp without time zone"}, {"join_organisation", "boolean"},
        {"deleted_at", "timestamp without time zone"}, {"unsubscribe_at", "timestamp without time zone"},
        {"member_id", "integer"}, {"additional_fields", "character varying"},
        {"cached_organisation_slug", "character varying"}, {"source", "character varying"}, {"new_member", "boolean"},
        {"external_action_id", "character varying"}, {"locale", "character varying"}, {"bucket", "character varying"},
        {"country", "character varying"}, {"updated_at", "timestamp without time zone"},
        {"join_list_suppressed", "boolean"}, {"old_daisy_chain_used", "character varying"}, {"from_embed", "boolean"},
        {"confirmation_token", "character varying"}, {"confirmed_at", "timestamp without time zone"},
        {"confirmation_sent_at", "timestamp without time zone"}, {"last_signed_at", "timestamp without time zone"},
        {"confirmed_reason", "character varying"}, {"synced_to_crm_at", "timestamp without time zone"},
        {"daisy_chain_experiment_slug", "character varying"}, {"from_one_click", "boolean"},
        {"eu_data_processing_consent", "boolean"}, {"consent_content_version_id", "bigint"},
        {"daisy_chain_id_used", "bigint"}, {"email_opt_in_type_id", "bigint"}, {"facebook_id", "character varying"},
        {"utm_params", "character varying"}, {"postcode_id", "bigint"}, {"referring_share_click_id", "integer"},
        {"opt_in_sms", "boolean"}, {"sms_opt_in_type_id", "bigint"}, {"recaptcha_score", "numeric(3,2)"},
        {"new_mobile_subscriber", "boolean"}, {"external_ids", "character varying"}, {"id", "bigint"},
        {"partnership_opt_ins", "character varying"}, {"after_action", "character varying"},
        {"user_ip", "character varying"}, {"user_agent", "character varying"},
    };
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String[] AGENTS = {
        "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Safari/537.36\"",
        "\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148\"",
        "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
    };

    private SignaturesCsv() {
    }

    static List<String> header() {
        List<String> names = new ArrayList<>();
        for (String[] column : COLUMNS) {
            names.add(column[0]);
        }
        return names;
    }

    /**
     * Writes {@code rows} rows with ids {@code firstId…}; {@code updatedBase} sets the updated_at
     * minute offset so a later file's rows are newer. Reuses the file if it is already there.
     */
    static Path write(Path file, long firstId, int rows, int updatedBase, long seed) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Random random = new Random(seed);
        LocalDateTime base = LocalDateTime.of(2024, 10, 16, 0, 0);
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(String.join(",", header()));
            out.write('\n');
            StringBuilder line = new StringBuilder(512);
            for (int i = 0; i < rows; i++) {
                long id = firstId + i;
                line.setLength(0);
                LocalDateTime created = base.minusSeconds(random.nextInt(40_000_000)).plusNanos(random.nextInt(1_000_000) * 1000L);
                String createdText = created.format(TS);
                line.append(random.nextInt(50_000)).append(',')                                   // petition_id
                        .append("supporter").append(id).append("@example.org,")                       // email
                        .append(random.nextBoolean() ? "Alex" : "Sam").append(',')                    // first_name
                        .append("Person").append(random.nextInt(10_000)).append(',')                  // last_name
                        .append(random.nextInt(4) == 0 ? "+6140000" + random.nextInt(10_000) : "").append(',')
                        .append(1000 + random.nextInt(9000)).append(',')                              // postcode
                        .append(createdText).append(',')                                              // created_at
                        .append(random.nextBoolean() ? 't' : 'f').append(',')                         // join_organisation
                        .append(',')                                                                  // deleted_at
                        .append(random.nextInt(20) == 0 ? createdText : "").append(',')               // unsubscribe_at
                        .append(random.nextInt(2_000_000)).append(',')                                // member_id
                        .append(random.nextInt(3) == 0 ? "\"\"\"employer\"\"=>\"\"Acme, Inc\"\"\"" : "").append(',')
                        .append("our-org,")                                                           // cached_organisation_slug
                        .append(random.nextBoolean() ? "facebook" : "email").append(',')              // source
                        .append(random.nextBoolean() ? 't' : 'f').append(',')                         // new_member
                        .append(',')                                                                  // external_action_id
                        .append("en-AU,")                                                             // locale
                        .append(',')                                                                  // bucket
                        .append("AU,")                                                                // country
                        .append(base.plusMinutes(updatedBase).plusSeconds(random.nextInt(3600)).format(TS)).append(',')
                        .append("f,")                                                                 // join_list_suppressed
                        .append(',')                                                                  // old_daisy_chain_used
                        .append(random.nextInt(5) == 0 ? 't' : 'f').append(',')                       // from_embed
                        .append(Long.toHexString(random.nextLong())).append(',')                      // confirmation_token
                        .append(createdText).append(',')                                              // confirmed_at
                        .append(createdText).append(',')                                              // confirmation_sent_at
                        .append(createdText).append(',')                                              // last_signed_at
                        .append("email_click,")                                                       // confirmed_reason
                        .append(random.nextBoolean() ? createdText : "").append(',')                  // synced_to_crm_at
                        .append(',')                                                                  // daisy_chain_experiment_slug
                        .append('f').append(',')                                                      // from_one_click
                        .append(random.nextBoolean() ? 't' : 'f').append(',')                         // eu_data_processing_consent
                        .append(random.nextInt(40)).append(',')                                       // consent_content_version_id
                        .append(random.nextInt(4) == 0 ? String.valueOf(random.nextInt(300)) : "").append(',')
                        .append(1 + random.nextInt(3)).append(',')                                    // email_opt_in_type_id
                        .append(',')                                                                  // facebook_id
                        .append(random.nextInt(4) == 0 ? "utm_source=newsletter&utm_medium=email" : "").append(',')
                        .append(random.nextInt(900_000)).append(',')                                  // postcode_id
                        .append(',')                                                                  // referring_share_click_id
                        .append('f').append(',')                                                      // opt_in_sms
                        .append(',')                                                                  // sms_opt_in_type_id
                        .append("0.").append(10 + random.nextInt(90)).append(',')                     // recaptcha_score
                        .append('f').append(',')                                                      // new_mobile_subscriber
                        .append(',')                                                                  // external_ids
                        .append(id).append(',')                                                       // id
                        .append(',')                                                                  // partnership_opt_ins
                        .append(',')                                                                  // after_action
                        .append("203.0.113.").append(random.nextInt(255)).append(',')                 // user_ip
                        .append(AGENTS[random.nextInt(AGENTS.length)]).append('\n');                  // user_agent
                out.append(line);
            }
        }
        Files.move(partial, file);
        return file;
    }
}
