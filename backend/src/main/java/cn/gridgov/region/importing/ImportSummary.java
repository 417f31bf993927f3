package cn.gridgov.region.importing;

import cn.gridgov.common.openapi.ResponseFields;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * How an import went (or is going): the answer of a small import and of {@code GET /api/v1/imports/{id}}.
 * {@code loaded} counts features loaded for checking, {@code processed} features written to the tree;
 * {@code errors} lists the refused features of a FAILED import; {@code message} says why otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(extensions = @Extension(name = ResponseFields.OMITS_NULL, value = "true"))
public record ImportSummary(UUID importId, String state, String phase, String coordType, int total, int loaded,
                            int processed, int created, int updated,
                            @Schema(nullable = true) List<FeatureProblem.FeatureError> errors,
                            @Schema(nullable = true) String message) {
}
