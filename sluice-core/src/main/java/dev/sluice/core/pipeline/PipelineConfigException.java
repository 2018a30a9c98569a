package dev.sluice.core.pipeline;

import java.nio.file.Path;

/**
 * A pipelines file that cannot be used, with where and what: the message reads like a compiler's,
 * {@code sluice.yaml:12:7: pipelines.braze_users.destination.braze.batch_size: expected a whole number,
 * got 'seventy'}. Never carries a secret: values that came from an environment variable whose name looks
 * secret, and every {@code api_key}, are described by their {@code ${NAME}}, not shown.
 */
public class PipelineConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;
    private final int column;
    private final String field;
    private final String reason;

    /**
     * @param file   the file as the user named it
     * @param line   1-based line, or 0 when the problem has no place in the file (an unknown pipeline name)
     * @param column 1-based column, or 0 with line 0
     * @param field  the dotted path of the field, e.g. {@code pipelines.users.source.folder}; empty for the
     *               file as a whole (empty, not YAML)
     * @param reason what is wrong and, where it helps, what to write instead
     */
    public PipelineConfigException(Path file, int line, int column, String field, String reason) {
        super(format(file, line, column, field, reason));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field == null ? "" : field;
        this.reason = reason;
    }

    private static String format(Path file, int line, int column, String field, String reason) {
        StringBuilder s = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ");
        if (field != null && !field.isEmpty()) {
            s.append(field).append(": ");
        }
        return s.append(reason).toString();
    }

    /** The file as the user named it. */
    public Path file() {
        return file;
    }

    /** 1-based line, 0 when the problem has no place in the file. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when the problem has no place in the file. */
    public int column() {
        return column;
    }

    /** Dotted path of the field, e.g. {@code pipelines.braze_users.destination.braze.batch_size}; empty for the whole file. */
    public String field() {
        return field;
    }

    /** The message without file, place and field. */
    public String reason() {
        return reason;
    }
}
