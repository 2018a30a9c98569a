package dev.sluice.dynamodb.sink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits; tests replace it with one that records the waits and returns at once. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    void sleep(Duration duration) throws InterruptedException;
}
