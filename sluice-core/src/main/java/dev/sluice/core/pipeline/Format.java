package dev.sluice.core.pipeline;

/**
 * {@code format:}, how to read the files. A null component was not set: the command's default applies.
 *
 * @param delimiter  {@code --delimiter}: exactly one character; {@code tab} in the file is given here as
 *                   {@code "\t"}
 * @param emptyCells {@code --empty-cells}, lower case: omit, null, empty-string, or (DynamoDB only) error
 */
public record Format(String delimiter, String emptyCells) {

    /** Nothing set. */
    public static final Format DEFAULT = new Format(null, null);
}
