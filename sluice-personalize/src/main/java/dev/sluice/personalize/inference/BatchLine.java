package dev.sluice.personalize.inference;

/**
 * What one line of batch inference output holds, for every shape Amazon Personalize writes (see
 * {@link BatchLineParser}). Absent parts are null.
 *
 * @param itemId           {@code input.itemId} (Related-Items, Item-Affinity)
 * @param userId           {@code input.userId} (User-Personalization, Popularity-Count, Personalized-Ranking)
 * @param itemAttributes   the top-level {@code itemAttributes} query (Item-Attribute-Affinity)
 * @param recommendedItems {@code output.recommendedItems}; empty when null or missing
 * @param recommendedUsers {@code output.recommendedUsers} (batch segment jobs)
 * @param scores           {@code output.scores}, parallel to recommendedItems
 * @param error            true when the line has a non-null {@code error}; a missing key means no error
 */
public record BatchLine(
        String itemId,
        String userId,
        String itemAttributes,
        String[] recommendedItems,
        String[] recommendedUsers,
        double[] scores,
        boolean error) {
}
