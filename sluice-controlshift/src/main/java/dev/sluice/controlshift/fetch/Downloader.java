package dev.sluice.controlshift.fetch;

import dev.sluice.controlshift.store.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Fetches one announced file to the spool folder as plain CSV: only from allowed hosts, only while its
 * URL lives, bzip2 decompressed as a stream (never the whole file in memory), within the size limits.
 * Redirects are not followed (they could lead off the allowed hosts).
 */
public final class Downloader {
    private final DownloadRules rules;
    private final HttpClient http;
    private final Path spool;

    public Downloader(DownloadRules rules, Path spool) {
        this.rules = rules;
        this.spool = spool;
        this.http = HttpClient.newBuilder()
                .connectTimeout(rules.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public DownloadOutcome download(StoredEvent event, Instant now) {
        URI url = event.url();
        String shown = shown(url);
        if (!rules.allows(url.getHost())) {
            return new DownloadOutcome.Failed("host " + url.getHost() + " is not an allowed download host (" + shown + ")");
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) && !(rules.allowPlainHttp() && "http".equalsIgnoreCase(url.getScheme()))) {
            return new DownloadOutcome.Failed("only https URLs are fetched (" + shown + ")");
        }
        Instant expiry = UrlExpiry.of(url, event.receivedAt(), rules.urlLifetime());
        if (!now.isBefore(expiry)) {
            return new DownloadOutcome.Expired("the download URL expired at " + expiry + " before it could be fetched (" + shown + ")");
        }
        try {
            return fetch(event, shown, expiry, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DownloadOutcome.Retry("interrupted");
        }
    }

    private DownloadOutcome fetch(StoredEvent event, String shown, Instant expiry, Instant now) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(event.url()).timeout(rules.requestTimeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return new DownloadOutcome.Retry("timed out after " + rules.requestTimeout() + " (" + shown + ")");
        } catch (IOException e) {
            return new DownloadOutcome.Retry("could not connect: " + e + " (" + shown + ")");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                return refused(status, body, shown, expiry, now);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > rules.maxWireBytes()) {
                return tooLarge(declared, shown);
            }
            return save(event, body);
        } catch (IOException e) {
            return new DownloadOutcome.Retry("the download broke off: " + e.getMessage() + " (" + shown + ")");
        }
    }

    private DownloadOutcome refused(int status, InputStream body, String shown, Instant expiry, Instant now) throws IOException {
        if (status == 429 || status >= 500) {
            return new DownloadOutcome.Retry("HTTP " + status + " (" + shown + ")");
        }
        if (status == 403) {
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (text.contains("expired") || !now.isBefore(expiry.minusSeconds(60))) {
                return new DownloadOutcome.Expired("HTTP 403: the pre-signed URL has expired (" + shown + ")");
            }
        }
        return new DownloadOutcome.Failed("HTTP " + status + " (" + shown + ")");
    }

    private DownloadOutcome save(StoredEvent event, InputStream body) throws IOException {
        Files.createDirectories(spool);
        // Per attempt: a worker whose lease ran out may still be writing its own copy.
        String name = event.id() + "-" + event.table() + "-" + event.attempts();
        Path target = spool.resolve(name + ".csv");
        Path partial = Files.createTempFile(spool, name + "-", ".partial");
        CountingInput wire = new CountingInput(body, rules.maxWireBytes());
        long csvBytes;
        try (InputStream in = event.bzip2() ? new BZip2CompressorInputStream(wire, true) : wire;
             OutputStream out = Files.newOutputStream(partial)) {
            csvBytes = copy(in, out);
        } catch (CountingInput.WireException e) {
            Files.deleteIfExists(partial);
            throw e.getCause();
        } catch (LimitExceeded e) {
            Files.deleteIfExists(partial);
            return e.outcome;
        } catch (FileSystemException e) {
            Files.deleteIfExists(partial);
            return new DownloadOutcome.Retry("could not write the spool file: " + e.getMessage());
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            return new DownloadOutcome.Failed(event.bzip2() ? "not a valid bzip2 file: " + e.getMessage() : "could not save the file: " + e.getMessage());
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new DownloadOutcome.Downloaded(target, wire.count(), csvBytes);
    }

    private long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > rules.maxCsvBytes()) {
                throw new LimitExceeded(new DownloadOutcome.Failed("the file decompresses to more than "
                        + rules.maxCsvBytes() + " bytes (the limit)"));
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private DownloadOutcome tooLarge(long bytes, String shown) {
        return new DownloadOutcome.Failed("the file is " + bytes + " bytes, more than the limit of " + rules.maxWireBytes() + " (" + shown + ")");
    }

    /** Pre-signed queries carry credentials: never in a message. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath();
    }

    private static final class LimitExceeded extends IOException {
        final transient DownloadOutcome outcome;

        LimitExceeded(DownloadOutcome.Failed outcome) {
            super(outcome.reason());
            this.outcome = outcome;
        }
    }

    /** Counts the bytes off the wire, stops at the limit, and marks errors of the connection itself. */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        CountingInput(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw new WireException(e);
            }
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new LimitExceeded(new DownloadOutcome.Failed("the download is larger than the limit of " + limit + " bytes"));
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        /** A broken connection, as opposed to bad content: worth another attempt. */
        static final class WireException extends IOException {
            WireException(IOException cause) {
                super(cause);
            }

            @Override
            public synchronized IOException getCause() {
                return (IOException) super.getCause();
            }
        }
    }
}
