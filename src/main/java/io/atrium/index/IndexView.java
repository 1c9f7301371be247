package io.atrium.index;

import java.time.Instant;
import java.util.List;

/**
 * An index with what it holds.
 *
 * @param expiresAt when a {@code free} account's index expires (creation + 90 days); {@code null} on other plans
 */
public record IndexView(String id, String name, List<IndexModel> models, List<String> addons, long videoCount,
        double totalDuration, Instant createdAt, Instant updatedAt, Instant expiresAt) {
}
