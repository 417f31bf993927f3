package cn.gridgov.open311;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** What county admins send and see when they manage Open311 API keys. */
public final class Open311Keys {

    private Open311Keys() {
    }

    /** A key to issue: for which system, and the node it is bound to (its requests must lie inside). */
    @Schema(name = "Open311KeyCreate")
    public record Create(@NotBlank @Size(max = 64) String name, @NotNull Long regionId) {
    }

    /** An issued key as listed (never the key itself). */
    @Schema(name = "Open311KeyView")
    public record View(long id, String name, @Schema(description = "密钥的前 8 个字符，用于辨认") String keyHint,
                       long regionId, String regionName, OffsetDateTime createdAt,
                       @Schema(nullable = true) OffsetDateTime revokedAt) {
    }

    /** A key just issued: the only time the key itself is shown. */
    @Schema(name = "Open311KeyIssued")
    public record Issued(@Schema(description = "API 密钥，只在签发时显示一次，请妥善保存") String apiKey, View key) {
    }
}
