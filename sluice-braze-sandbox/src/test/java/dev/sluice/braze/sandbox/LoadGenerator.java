package dev.sluice.braze.sandbox;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lean load client for the perf tests: raw keep-alive sockets, one thread each, requests prepared
 * in advance, so as little CPU as possible goes to the client on a 2-core machine.
 */
final class LoadGenerator {

    record Result(long requests, long errors, Map<Integer, Long> statuses, Duration elapsed) {
        double perSecond() {
            return requests * 1e9 / elapsed.toNanos();
        }
    }

    private LoadGenerator() {
    }

    static Result run(BrazeSandbox sandbox, int connections, Duration duration, List<byte[]> bodies)
            throws InterruptedException {
        List<byte[]> requests = bodies.stream().map(body -> request(sandbox, body)).toList();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder errors = new LongAdder();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int first = c;
            Thread thread = new Thread(() -> drive(sandbox.port(), requests, first, deadline, statuses, errors));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Map<Integer, Long> counts = new ConcurrentHashMap<>();
        statuses.forEach((status, n) -> counts.put(status, n.sum()));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new Result(total, errors.sum(), counts, elapsed);
    }

    private static void drive(int port, List<byte[]> requests, int first, long deadline,
                              Map<Integer, LongAdder> statuses, LongAdder errors) {
        int next = first;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                while (System.nanoTime() < deadline) {
                    out.write(requests.get(next++ % requests.size()));
                    out.flush();
                    statuses.computeIfAbsent(readStatus(in), s -> new LongAdder()).increment();
                }
            } catch (IOException e) {
                errors.increment();
            }
        }
    }

    private static byte[] request(BrazeSandbox sandbox, byte[] body) {
        byte[] head = ("POST /users/track HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + sandbox.apiKey()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** Reads one response and returns its status; the body is skipped using Content-Length. */
    private static int readStatus(InputStream in) throws IOException {
        String statusLine = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
