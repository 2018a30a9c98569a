package dev.sluice.personalize.braze;

import dev.sluice.braze.payload.BrazeObject;

/** What one output row becomes for Braze. */
public sealed interface Payload {

    /** An attributes object to send; {@code user} is its external_id. */
    record Send(String user, BrazeObject object) implements Payload { }

    /** Nothing to send: the row has no recommendations and clearing is off (the seed's behaviour). */
    record Skip(String reason) implements Payload { }

    /** The row cannot be sent (not JSON, no user id); retrying would not help. */
    record Invalid(String reason) implements Payload { }
}
