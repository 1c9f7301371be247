package io.atrium.apikey;

/** A key just created: the only time its full value exists outside the caller's hands (R-KEY-2). */
public record CreatedApiKey(ApiKeyView key, String value) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + key.prefix() + "]";
    }
}
