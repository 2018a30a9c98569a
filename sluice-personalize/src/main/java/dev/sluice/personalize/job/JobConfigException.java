package dev.sluice.personalize.job;

/** The job folder or its {@code config.json} is not usable; nothing was read or sent. */
public class JobConfigException extends RuntimeException {
    public JobConfigException(String message) {
        super(message);
    }

    public JobConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
