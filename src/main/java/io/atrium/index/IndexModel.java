package io.atrium.index;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One model an index is built for, with the modalities it covers. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IndexModel(String modelName,
        List<String> modelOptions) {

    /** The family a model belongs to: {@code marengo} or {@code pegasus}. */
    public String family() {
        return modelName.replaceAll("[0-9.]+$", "");
    }
}
