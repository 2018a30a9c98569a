package dev.sluice.aws.s3;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records every HTTP request a client sent and got an answer to (after signing, as it went on the wire).
 * Attempts that died on a connection the server had already closed are left out: the SDK retries
 * them, and counting them would make the operation counts depend on connection timing.
 */
final class RequestLog implements ExecutionInterceptor {

    /** One request: the SDK operation, the HTTP method, and its Range header (null without one). */
    record Sent(String operation, String method, String range, SdkHttpRequest http) {
    }

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        SdkHttpRequest http = context.httpRequest();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (sent) {
            sent.add(new Sent(operation, http.method().name(), http.firstMatchingHeader("Range").orElse(null), http));
        }
    }

    List<Sent> all() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<Sent> of(String operation) {
        return all().stream().filter(s -> s.operation().equals(operation)).toList();
    }

    void clear() {
        synchronized (sent) {
            sent.clear();
        }
    }

    static List<String> operations(List<Sent> sent) {
        List<String> names = new ArrayList<>();
        sent.forEach(s -> names.add(s.operation()));
        return names;
    }
}
