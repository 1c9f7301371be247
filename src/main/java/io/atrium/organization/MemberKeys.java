package io.atrium.organization;

import java.util.List;

/**
 * What removing a member will revoke: the names of the API keys they created for the organization. The API
 * keys feature implements it, so the removal confirmation can list them without this feature depending on it.
 */
public interface MemberKeys {

    List<String> activeKeyNames(String accountId, String userId);
}
