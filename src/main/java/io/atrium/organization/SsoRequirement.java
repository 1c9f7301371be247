package io.atrium.organization;

/**
 * Whether an organization lets people in only through its single sign-on provider. The sso feature answers it (it
 * depends on this one, so this one asks through an interface); {@link ActiveAccounts} applies it.
 */
public interface SsoRequirement {

    /** Whether entering the organization needs a session that logged in through its provider. */
    boolean requiresSso(String organizationId);
}
