package io.atrium.plan;

/**
 * What an API call does, for its rate limit: starting indexing work is the scarce kind, reading and changing
 * indexes and videos the common one, managing the account the third. Each plan sets its limits per category;
 * which category a request falls in is the rate limiter's business ({@code usage}).
 */
public enum EndpointCategory {

    /**
     * {@code POST /v1.3/tasks}, S3 imports, asset uploads (direct, URL and multipart) and the indexing of an asset:
     * each starts work.
     */
    UPLOAD("upload"),
    /** The rest of {@code /v1.3}: indexes, videos, tasks, assets, imports' status. */
    RESOURCES("resources"),
    /** {@code /api/v1}: account, members, invitations, keys, integrations, usage, audit log. */
    MANAGEMENT("management");

    private final String key;

    EndpointCategory(String key) {
        this.key = key;
    }

    /** The name used in configuration ({@code atrium.plans.free.rate-limits.upload.per-minute}) and on pages. */
    public String key() {
        return key;
    }
}
