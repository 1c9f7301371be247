package io.atrium.video;

import java.util.List;

/**
 * Which of an account's assets a list shows; {@code null} leaves a filter out.
 *
 * @param filename a part of the name, matched without regard to case
 */
public record AssetFilter(List<String> assetIds, List<AssetType> types, String filename) {
}
