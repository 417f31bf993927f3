package cn.gridgov.region.importing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.UUID;

/**
 * How an import went (or is going): the answer of a small import and of {@code GET /api/v1/imports/{id}}.
 * {@code loaded} counts features loaded for checking, {@code processed} features written to the tree;
 * {@code errors} lists the refused features of a FAILED import; {@code message} says why otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportSummary(UUID importId, String state, String phase, String coordType, int total, int loaded,
                            int processed, int created, int updated, List<FeatureProblem.FeatureError> errors,
                            String message) {
}
