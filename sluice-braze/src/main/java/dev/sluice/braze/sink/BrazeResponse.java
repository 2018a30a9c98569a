package dev.sluice.braze.sink;

import java.nio.charset.StandardCharsets;

/** One HTTP answer from Braze, with the rate-limit headers it carried (null when absent). */
record BrazeResponse(int status, byte[] body, Long rateLimitLimit, Long rateLimitRemaining, Long rateLimitReset) {

    boolean success() {
        return status >= 200 && status < 300;
    }

    boolean retriable() {
        return status == 429 || status >= 500;
    }

    String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
