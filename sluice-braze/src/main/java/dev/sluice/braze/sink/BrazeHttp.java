package dev.sluice.braze.sink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Pooled keep-alive asynchronous POSTs to one Braze endpoint. No retries here (the sink decides what
 * to retry); connect and response timeouts so a hung connection ends as an error, not a stall.
 */
final class BrazeHttp implements AutoCloseable {
    private final CloseableHttpAsyncClient client;
    private final String url;
    private final String authorization;
    private final boolean bulkHeader;

    BrazeHttp(BrazeConfig config) {
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(config.concurrency())
                .setMaxConnPerRoute(config.concurrency())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setSocketTimeout(Timeout.of(config.responseTimeout()))
                        .build())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(2).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(config.responseTimeout()))
                        .setConnectionRequestTimeout(Timeout.ofMinutes(10))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        this.client.start();
        this.url = config.apiUrl() + config.endpoint();
        this.authorization = "Bearer " + config.apiKey();
        this.bulkHeader = config.bulkHeader();
    }

    CompletableFuture<BrazeResponse> post(byte[] json) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.post(url)
                .setHeader("Authorization", authorization)
                .setBody(json, ContentType.APPLICATION_JSON);
        if (bulkHeader) {
            builder.setHeader("X-Braze-Bulk", "true");
        }
        SimpleHttpRequest request = builder.build();
        CompletableFuture<BrazeResponse> result = new CompletableFuture<>();
        client.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(),
                new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        result.complete(new BrazeResponse(response.getCode(), response.getBodyBytes(),
                                longHeader(response, "X-RateLimit-Limit"), longHeader(response, "X-RateLimit-Remaining"),
                                longHeader(response, "X-RateLimit-Reset")));
                    }

                    @Override
                    public void failed(Exception e) {
                        result.completeExceptionally(e);
                    }

                    @Override
                    public void cancelled() {
                        result.cancel(false);
                    }
                });
        return result;
    }

    private static Long longHeader(SimpleHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.getValue().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        try {
            client.awaitShutdown(org.apache.hc.core5.util.TimeValue.of(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
