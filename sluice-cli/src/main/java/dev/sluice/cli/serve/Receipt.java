package dev.sluice.cli.serve;

/** How a source learns what became of an arrival it announced. */
public interface Receipt {
    /** Folders and polled buckets need no receipt: a handled file has moved away. */
    Receipt NONE = new Receipt() {
        @Override
        public void handled() {
        }

        @Override
        public void later() {
        }
    };

    /** The file is done (imported, failed or already done elsewhere): never announce it again. */
    void handled();

    /** The file could not be taken now (stopped, or claimed by another instance): announce it again later. */
    void later();
}
