package dev.sluice.controlshift.notify;

/** Tells someone a batch finished. */
@FunctionalInterface
public interface Notifier {
    void send(BatchNotice notice);

    Notifier NONE = notice -> { };
}
