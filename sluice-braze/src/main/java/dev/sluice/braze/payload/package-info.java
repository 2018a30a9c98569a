/**
 * Braze /users/track payload encoding: header validation, identifier selection, value limits and
 * JSON encoding of one attributes object per CSV row. See
 * {@link dev.sluice.braze.payload.BrazeTransform}.
 */
package dev.sluice.braze.payload;
