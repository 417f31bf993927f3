package cn.gridgov.identity.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys that verify our access tokens (current and, during a rotation, previous). */
@Path("/.well-known")
@Tag(name = "auth")
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Path("/jwks.json")
    @PermitAll
    @Produces("application/json")
    @Operation(summary = "访问令牌签名公钥（JSON Web Key Set） (jwks)",
            description = "任何人可调用，无需登录：验证访问令牌（RS256）签名所用的公钥，按 kid 区分；轮换密钥期间同时列出"
                    + "当前和上一把公钥。响应可缓存 5 分钟（Cache-Control: max-age=300）。没有业务错误码。")
    @APIResponse(responseCode = "200", description = "公钥集合",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "keys", value = """
                    {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"k-3f9a1c2e","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}]}""")))
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.jwks()).cacheControl(cache).build();
    }
}
