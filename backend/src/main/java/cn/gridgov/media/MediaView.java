package cn.gridgov.media;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.time.ApiTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A photo as the API shows it, with short-lived URLs of its objects. */
public record MediaView(UUID id, String contentType, long bytes, int width, int height, String sha256,
                        @Schema(nullable = true, description = "拍摄位置与时间（EXIF），仅上传者本人和辖区覆盖该事件的工作人员可见，其他人为 null")
                        Exif exif,
                        Urls urls, OffsetDateTime urlsExpireAt, OffsetDateTime createdAt) {

    /**
     * Where and when the photo was taken, as its EXIF says; fields are null when it says nothing. Shown only
     * to the photo's uploader and to staff whose scope covers its incident; {@code exif} is null for others.
     */
    public record Exif(@Schema(nullable = true) Double lng, @Schema(nullable = true) Double lat, String coordType,
                       @Schema(nullable = true) OffsetDateTime takenAt) {
    }

    /** Presigned GET URLs; {@code original} only for the uploader (it still carries the EXIF). */
    public record Urls(@Schema(nullable = true) String original, String display, String thumbnail) {
    }

    static MediaView of(Media media, Urls urls, Instant expireAt, boolean withExif, CoordType coordType) {
        Exif exif = withExif ? exif(media, coordType) : null;
        return new MediaView(media.id(), media.contentType(), media.bytes(), media.width(), media.height(),
                media.sha256(), exif, urls, ApiTime.of(expireAt), ApiTime.of(media.createdAt()));
    }

    private static Exif exif(Media media, CoordType coordType) {
        Double lng = null;
        Double lat = null;
        if (media.exifLng() != null && media.exifLat() != null) {
            LngLat p = coordType.fromWgs84(new LngLat(media.exifLng(), media.exifLat()));
            lng = p.lng();
            lat = p.lat();
        }
        return new Exif(lng, lat, coordType.name().toLowerCase(), ApiTime.of(media.exifTakenAt()));
    }
}
