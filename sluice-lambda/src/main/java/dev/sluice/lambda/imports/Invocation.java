package dev.sluice.lambda.imports;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * The invocation a file is imported in.
 *
 * @param continueFunction the function (name or ARN) that takes this file's continuation event
 * @param finalAttempt     whether a failure here is the file's last word (no retry will follow), so
 *                         the failure notification goes out now
 */
public record Invocation(Context context, String continueFunction, boolean finalAttempt) {

    public void log(String message) {
        context.getLogger().log(message + "\n");
    }
}
