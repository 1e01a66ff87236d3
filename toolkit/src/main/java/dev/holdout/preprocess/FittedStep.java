package dev.holdout.preprocess;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The learned statistics of one step, readable but unable to transform on its own: transforming is
 * {@link FittedPreprocessor#transform}'s job. Serialised to JSON with a {@code "step"} type tag.
 *
 * <pre>{@code
 * FittedStep s = fitted.steps().get(0);
 * s.kind();      // "standard-scaler"
 * s.columns();   // [temp_max]
 * s;             // standard-scaler{temp_max: mean=16.44, std=7.35}
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Imputer.Fitted.class, name = "imputer"),
        @JsonSubTypes.Type(value = StandardScaler.Fitted.class, name = "standard-scaler"),
        @JsonSubTypes.Type(value = MinMaxScaler.Fitted.class, name = "min-max-scaler"),
        @JsonSubTypes.Type(value = RobustScaler.Fitted.class, name = "robust-scaler"),
        @JsonSubTypes.Type(value = OneHotEncoder.Fitted.class, name = "one-hot-encoder"),
        @JsonSubTypes.Type(value = OrdinalEncoder.Fitted.class, name = "ordinal-encoder"),
        @JsonSubTypes.Type(value = TargetEncoder.Fitted.class, name = "target-encoder"),
        @JsonSubTypes.Type(value = OutlierHandler.Fitted.class, name = "outlier-handler"),
        @JsonSubTypes.Type(value = LogTransform.Fitted.class, name = "log-transform"),
})
public sealed interface FittedStep
        permits Imputer.Fitted, StandardScaler.Fitted, MinMaxScaler.Fitted, RobustScaler.Fitted, OneHotEncoder.Fitted,
                OrdinalEncoder.Fitted, TargetEncoder.Fitted, OutlierHandler.Fitted, LogTransform.Fitted {
    /** The step's name as it appears in JSON, e.g. {@code "standard-scaler"}. */
    String kind();

    /** The input columns the step was fitted on. */
    List<String> inputColumns();
}
