package io.atrium.billing;

/** The lines of a statement, in their order: what is counted, in which unit, and the code the API and CSV use. */
public enum LineKind {

    BASE("base", "Base price", "month"),
    INDEXED_MINUTES("indexed_minutes", "Video indexed", "minute"),
    API_CALLS("api_calls", "API calls", "1,000 calls"),
    STORAGE("storage", "Storage", "GB-month");

    private final String code;
    private final String description;
    private final String unit;

    LineKind(String code, String description, String unit) {
        this.code = code;
        this.description = description;
        this.unit = unit;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public String unit() {
        return unit;
    }

    static LineKind ofCode(String code) {
        for (LineKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalStateException("Unknown statement line " + code);
    }
}
