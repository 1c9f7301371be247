package io.atrium.index;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One model an index is built for, with the modalities it covers. */
public record IndexModel(@JsonProperty("model_name") String modelName,
        @JsonProperty("model_options") List<String> modelOptions) {

    /** The family a model belongs to: {@code marengo} or {@code pegasus}. */
    public String family() {
        return modelName.replaceAll("[0-9.]+$", "");
    }
}
