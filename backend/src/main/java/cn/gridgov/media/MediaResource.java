package cn.gridgov.media;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Photo uploads as {@code wx.uploadFile} sends them, and redirects to their display copies. */
@Path("/api/v1/media")
@Authenticated
public class MediaResource {

    static final String FIELD = "file";

    private final MediaService service;
    private final Caller caller;

    public MediaResource(MediaService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "上传照片（multipart 字段 file：JPEG、PNG 或 WebP） (upload)",
            description = "上传一张照片。超过大小上限 413 MEDIA_TOO_LARGE（分块上传一超过即截断）；像素超过上限（按文件头判断）"
                    + "400 MEDIA_TOO_MANY_PIXELS；同时解码的图片已满 503 MEDIA_BUSY，上传过于频繁 429 TOO_MANY_UPLOADS，"
                    + "两者都带 Retry-After。响应中的 exif 只给上传者本人。")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class),
            examples = @ExampleObject(name = "photo", summary = "wx.uploadFile({ name: 'file', filePath })",
                    value = "{\"file\":\"IMG_20260301_075800.jpg（JPEG 文件内容）\"}")))
    @APIResponse(responseCode = "201", description = "Stored; Location is the photo",
            content = @Content(schema = @Schema(implementation = MediaView.class),
                    examples = @ExampleObject(name = "photo", value = """
                            {"id":"3f2c8a4e-7b1d-4c9a-9e55-0a6b2d1f7c31","contentType":"image/jpeg","bytes":1843200,\
                            "width":4032,"height":3024,\
                            "sha256":"9b74c9897bac770ffc029102a200c5de8a3f2e6c1d5b4a7f0e9d8c7b6a5f4e3d",\
                            "exif":{"lng":117.283041,"lat":31.861184,"coordType":"gcj02",\
                            "takenAt":"2026-03-01T07:50:00+08:00"},\
                            "urls":{"original":"https://oss.example.cn/gridgov-originals/3f2c8a4e.jpg?X-Amz-Signature=ef56",\
                            "display":"https://oss.example.cn/gridgov-display/3f2c8a4e-display.jpg?X-Amz-Signature=ab12",\
                            "thumbnail":"https://oss.example.cn/gridgov-display/3f2c8a4e-thumb.jpg?X-Amz-Signature=cd34"},\
                            "urlsExpireAt":"2026-03-01T08:13:12+08:00","createdAt":"2026-03-01T07:58:12+08:00"}""")))
    public Uni<Response> upload(@RestForm(FileUpload.ALL) List<FileUpload> files, @RestQuery String coordType) {
        CoordType type = CoordType.parse(coordType, CoordType.GCJ02);
        FileUpload file = theFile(files);
        return service.upload(file.uploadedFile(), file.size(), caller.userId(), type)
                .map(view -> Response.created(URI.create("/api/v1/media/" + view.id())).entity(view).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "重定向到照片展示图的短期签名地址（variant=thumbnail 为缩略图） (show)",
            description = "照片的上传者，以及能看到引用该照片的事件的用户（辖区内的工作人员、事件上报者）可以查看；"
                    + "其他人与不存在的照片一样答 404 MEDIA_NOT_FOUND。签名地址很快过期，不要缓存。")
    @APIResponse(responseCode = "303", description = "See Other: Location is a presigned URL of the image")
    public Uni<Response> show(@RestPath UUID id, @RestQuery String variant) {
        boolean thumbnail = "thumbnail".equalsIgnoreCase(variant);
        return service.displayUrl(id, thumbnail, caller.actor(null))
                .map(url -> Response.seeOther(URI.create(url)).header("Cache-Control", "no-store").build());
    }

    private static FileUpload theFile(List<FileUpload> files) {
        List<FileUpload> named = files == null ? List.of()
                : files.stream().filter(f -> FIELD.equals(f.name())).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw DomainException.badRequest("MEDIA_TOO_MANY_FILES", "一次只能上传一张图片",
                    "Upload one image per request");
        }
        String others = files == null || files.isEmpty() ? "" : files.stream().map(FileUpload::name)
                .collect(Collectors.joining("、"));
        throw DomainException.badRequest("MEDIA_FILE_MISSING",
                others.isEmpty() ? "请求中没有文件：图片应放在表单字段 file 中上传"
                        : "图片应放在表单字段 file 中上传，收到的字段是：" + others,
                "The image must be sent in the multipart field 'file'"
                        + (others.isEmpty() ? "" : "; received: " + others.replace('、', ',')));
    }

    /** The upload's form as OpenAPI shows it: one image in the field {@code file}. */
    @Schema(name = "PhotoUpload")
    static final class UploadForm {
        @Schema(type = SchemaType.STRING, format = "binary", required = true, description = "JPEG, PNG or WebP, at most 10 MB")
        public Object file;
    }
}
