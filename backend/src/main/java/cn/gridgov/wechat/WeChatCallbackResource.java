package cn.gridgov.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

/** WeChat's message push (消息推送): the URL configured in the mini program's settings, called by WeChat only. */
@Path("/api/v1/wechat/callback")
@PermitAll
public class WeChatCallbackResource {

    private final WeChatPushes pushes;

    public WeChatCallbackResource(WeChatPushes pushes) {
        this.pushes = pushes;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "微信消息推送的服务器地址验证：签名正确时原样返回 echostr (wechatCallbackVerify)",
            description = "仅供微信服务器调用。signature = sha1(将 Token、timestamp、nonce 按字典序排序后拼接)，Token 为"
                    + "配置项 gridgov.wechat.push-token。签名不对答 401 WECHAT_SIGNATURE_INVALID，时间戳超出 "
                    + "gridgov.wechat.push-window（默认 5 分钟）答 401 WECHAT_PUSH_STALE，nonce 已用过答 409 "
                    + "WECHAT_PUSH_REPLAYED，缺少 echostr 答 400，未配置 Token 答 502 WECHAT_PUSH_NOT_CONFIGURED。")
    @APIResponse(responseCode = "200", description = "echostr 原文",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = org.eclipse.microprofile
                    .openapi.annotations.enums.SchemaType.STRING),
                    examples = @ExampleObject(name = "echostr", value = "4193855374125460830")))
    public Uni<String> verify(
            @Parameter(description = "微信的签名", example = "6a1c3e4f0b9d2c8e7f5a4b3c2d1e0f9a8b7c6d5e") @RestQuery String signature,
            @Parameter(description = "Unix 时间戳（秒）", example = "1772323200") @RestQuery String timestamp,
            @Parameter(description = "随机数", example = "1514711492") @RestQuery String nonce,
            @Parameter(description = "要原样返回的随机字符串", example = "4193855374125460830") @RestQuery String echostr) {
        return pushes.handshake(signature, timestamp, nonce, echostr);
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.TEXT_XML, MediaType.APPLICATION_XML})
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "接收微信消息推送（图片内容安全检测结果 wxa_media_check），验签、防重放后答 success (wechatCallback)",
            description = "仅供微信服务器调用，消息推送须设为明文模式、JSON 数据格式。验签与 GET 相同；签名不对答 401 "
                    + "WECHAT_SIGNATURE_INVALID，时间戳过旧或过新答 401 WECHAT_PUSH_STALE，重放（nonce 已用过）答 409 "
                    + "WECHAT_PUSH_REPLAYED；安全模式（encrypt_type=aes 或消息带 Encrypt）答 400 WECHAT_PUSH_ENCRYPTED，"
                    + "XML 答 400 WECHAT_PUSH_FORMAT。wxa_media_check 事件按 trace_id 找到照片：risky 的照片立即屏蔽"
                    + "（任何接口都不再提供）并为其事件生成待审核项，review 的生成待审核项，pass 不做处理；其他事件忽略。")
    @APIResponse(responseCode = "200", description = "已处理",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = org.eclipse.microprofile
                    .openapi.annotations.enums.SchemaType.STRING),
                    examples = @ExampleObject(name = "ack", value = WeChatPushes.ACK)))
    public Uni<String> push(
            @Parameter(description = "微信的签名", example = "6a1c3e4f0b9d2c8e7f5a4b3c2d1e0f9a8b7c6d5e") @RestQuery String signature,
            @Parameter(description = "Unix 时间戳（秒）", example = "1772323200") @RestQuery String timestamp,
            @Parameter(description = "随机数", example = "1514711492") @RestQuery String nonce,
            @Parameter(description = "安全模式时为 aes（不支持）", example = "raw") @RestQuery("encrypt_type") String encryptType,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PushExample.class),
                    examples = @ExampleObject(name = "wxa_media_check", value = """
                            {"ToUserName":"gh_7bf1f1389686","FromUserName":"or9bw69jaWwJlF-6u0z3qT3KmO2k",\
                            "CreateTime":1772323200,"MsgType":"event","Event":"wxa_media_check","appid":"wx8f16a5e5b25c6bd5",\
                            "trace_id":"690b03d2-301f6111-35ffbd44","version":2,"result":{"suggest":"risky","label":20002},\
                            "detail":[{"strategy":"content_model","errcode":0,"suggest":"risky","label":20002,"prob":90}]}""")))
            String body) {
        return pushes.push(signature, timestamp, nonce, encryptType, body);
    }

    /** The push as WeChat sends it (only the members read here). */
    @Schema(name = "WeChatPush")
    public record PushExample(@Schema(description = "消息类型，event") String MsgType,
                              @Schema(description = "事件，wxa_media_check 为图片检测结果") String Event,
                              @Schema(description = "mediaCheckAsync 返回的任务编号") String trace_id,
                              @Schema(description = "检测结果：suggest 为 pass、review 或 risky") Result result) {

        /** WeChat's verdict. */
        @Schema(name = "WeChatPushResult")
        public record Result(String suggest, Integer label) {
        }
    }
}
