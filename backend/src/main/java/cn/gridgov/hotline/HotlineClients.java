package cn.gridgov.hotline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** What county admins send and see when they manage the hotline platforms' credentials. */
public final class HotlineClients {

    private HotlineClients() {
    }

    /** A client to issue: which system, the node it is bound to, and where its orders' changes are posted. */
    @Schema(name = "HotlineClientCreate")
    public record Create(@NotBlank @Size(max = 64) String name, @NotNull Long regionId,
                         @Schema(description = "状态变更回调地址（http 或 https）；不填则对方只能轮询",
                                 nullable = true, example = "https://12345.example.gov.cn/gridgov/callback")
                         @Size(max = 500) String callbackUrl) {
    }

    /** An issued client as listed (never the key itself). */
    @Schema(name = "HotlineClientView")
    public record View(long id, String name, @Schema(description = "密钥的前 8 个字符，用于辨认") String keyHint,
                       long regionId, String regionName, @Schema(nullable = true) String callbackUrl,
                       OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime revokedAt) {
    }

    /** A client just issued: the only time its key is shown. */
    @Schema(name = "HotlineClientIssued")
    public record Issued(@Schema(description = "API 密钥，只在签发时显示一次；请求时放在 X-Api-Key 请求头") String apiKey,
                         View client) {
    }
}
