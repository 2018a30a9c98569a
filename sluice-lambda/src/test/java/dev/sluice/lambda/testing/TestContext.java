package dev.sluice.lambda.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A Lambda context for running a handler in the test JVM. Its remaining time counts down from
 * {@code budget} on the wall clock, as Lambda's does, so an invocation's time runs out after a few
 * seconds; every line logged goes to the shared {@link CapturedLog}.
 */
public final class TestContext implements Context {
    public static final String FUNCTION_NAME = "sluice-import";
    public static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION_NAME + ":live";

    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineNanos;
    private final LambdaLogger logger;

    public TestContext(Duration budget, CapturedLog log) {
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.add(requestId, message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + FUNCTION_NAME;
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return FUNCTION_NAME;
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return FUNCTION_ARN;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return 2048;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
