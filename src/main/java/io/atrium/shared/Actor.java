package io.atrium.shared;

/**
 * Who acts in a request, and in which account: the user (through their session, or the creator of the API key
 * that calls), the account they act on (the active account of a page, the key's account in the API), and what
 * they may do there. Built once per request and handed to controllers as an argument, so services take one value
 * instead of an account id and a user id in either order.
 *
 * <p>This is also the one access policy: what needs an administrator, or an organization, asks here. What an actor
 * may not do is a {@link ForbiddenException}; pages answer it 404 (the page is hidden from them) and the API 403
 * (api.md: the caller can see the thing but not do this to it).
 *
 * @param admin an organization's administrator, or the owner of a personal account (who administers it)
 * @param personal whether the account is the user's personal account
 * @param organizationKey whether an organization's own API key is calling: {@code admin} is then the role chosen for
 *     the key, not its creator's ({@code userId}, who may since have left), and there is no member to check
 */
public record Actor(String accountId, String userId, boolean admin, boolean personal, boolean organizationKey) {

    /** A user, in person or through a key of their own. */
    public Actor(String accountId, String userId, boolean admin, boolean personal) {
        this(accountId, userId, admin, personal, false);
    }

    /** The name of the request attribute that keeps the actor once it is known. */
    public static final String REQUEST_ATTRIBUTE = Actor.class.getName();

    /**
     * For what only an account's administrators may do.
     *
     * @throws ForbiddenException for a member who is not an administrator
     */
    public Actor requireAdmin() {
        if (!admin) {
            throw new ForbiddenException("Only administrators can do this.");
        }
        return this;
    }

    /**
     * For what exists only in organizations (members, invitations): a personal account has none.
     *
     * @throws NotFoundException in a personal account
     */
    public Actor requireOrganization() {
        if (personal) {
            throw new NotFoundException("Organization");
        }
        return this;
    }
}
