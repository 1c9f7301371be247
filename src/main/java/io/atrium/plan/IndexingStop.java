package io.atrium.plan;

/**
 * A further reason to refuse new indexing beside the plan's own limits, asked where every upload, import and asset
 * indexing task is created. The billing feature implements it (a budget that stops indexing at 100 %), so the videos
 * feature asks without depending on it.
 */
public interface IndexingStop {

    /** @throws io.atrium.shared.QuotaExceededException when the account may start no new indexing task now */
    void requireIndexingAllowed(String accountId);
}
