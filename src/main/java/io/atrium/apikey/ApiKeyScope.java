package io.atrium.apikey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.atrium.shared.InvalidInputException;

/**
 * What a key may call (issue 17): the {@code /v1.3} resource endpoints and Atrium's own {@code /api/v1} management
 * endpoints, each split into reading (GET, HEAD, OPTIONS) and everything else. Within its scopes a key still acts
 * only as its role allows.
 */
public enum ApiKeyScope {
    RESOURCES_READ("resources:read", "Read indexes, videos, assets and tasks"),
    RESOURCES_WRITE("resources:write", "Upload, create, change and delete indexes, videos, assets and tasks"),
    MANAGEMENT_READ("management:read", "Read the account, members, invitations, API keys, integrations, usage and the audit log"),
    MANAGEMENT_WRITE("management:write", "Change members, invitations, API keys and integrations");

    private final String value;
    private final String description;

    ApiKeyScope(String value, String description) {
        this.value = value;
        this.description = description;
    }

    public String value() {
        return value;
    }

    public String description() {
        return description;
    }

    /** The scope a request needs: {@code /v1.3} is resources, anything else under the API is management. */
    static ApiKeyScope requiredFor(String method, String path) {
        boolean reads = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        boolean resources = path.equals("/v1.3") || path.startsWith("/v1.3/");
        if (resources) {
            return reads ? RESOURCES_READ : RESOURCES_WRITE;
        }
        return reads ? MANAGEMENT_READ : MANAGEMENT_WRITE;
    }

    /** As stored: the values in this enum's order, separated by spaces. */
    static String format(Set<ApiKeyScope> scopes) {
        return String.join(" ", scopes.stream().sorted().map(ApiKeyScope::value).toList());
    }

    static Set<ApiKeyScope> parseStored(String stored) {
        Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        for (String value : stored.trim().split("\\s+")) {
            if (!value.isEmpty()) {
                scopes.add(of(value));
            }
        }
        return scopes;
    }

    /**
     * The scopes a person or program chose.
     *
     * @throws InvalidInputException naming {@code scopes} for an unknown value
     */
    static Set<ApiKeyScope> parseChosen(Collection<String> values) {
        Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        List<String> unknown = new ArrayList<>();
        for (String value : values) {
            String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            ApiKeyScope scope = find(normalized);
            if (scope == null) {
                unknown.add(String.valueOf(value));
            } else {
                scopes.add(scope);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("scopes", "parameter_invalid", "Unknown scope " + String.join(", ", unknown)
                    + ". Choose from resources:read, resources:write, management:read and management:write.");
        }
        return scopes;
    }

    private static ApiKeyScope of(String value) {
        ApiKeyScope scope = find(value);
        if (scope == null) {
            throw new IllegalStateException("Unknown stored scope " + value);
        }
        return scope;
    }

    private static ApiKeyScope find(String value) {
        for (ApiKeyScope scope : values()) {
            if (scope.value.equals(value)) {
                return scope;
            }
        }
        return null;
    }
}
