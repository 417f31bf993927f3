package cn.gridgov.media;

import cn.gridgov.common.BlockingCalls;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.ratelimit.RateLimiter;
import cn.gridgov.identity.Actor;
import cn.gridgov.media.MediaObjects.StoredObject;
import cn.gridgov.media.PhotoIntake.PreparedPhoto;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Uploads photos and hands out their URLs. The database row is written only after all objects are stored,
 * and the objects are removed again when the row cannot be written, so no row points at a missing object.
 */
@ApplicationScoped
public class MediaService {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);

    private final PhotoIntake intake;
    private final MediaObjects objects;
    private final MediaRepository repository;
    private final Clock clock;
    private final IncidentAccess incidents;
    private final RateLimiter limiter;
    private final MediaConfig config;

    public MediaService(PhotoIntake intake, MediaObjects objects, MediaRepository repository, Clock clock,
                        IncidentAccess incidents, RateLimiter limiter, MediaConfig config) {
        this.limiter = limiter;
        this.config = config;
        this.intake = intake;
        this.objects = objects;
        this.repository = repository;
        this.clock = clock;
        this.incidents = incidents;
    }

    /**
     * Checks, stores and records one uploaded file; {@code uploaderId} may be null only for system uploads.
     * Each user may upload {@code gridgov.media.uploads-per-user} photos per {@code upload-window}.
     */
    public Uni<MediaView> upload(Path file, long size, Long uploaderId, CoordType coordType) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Uni<Void> admitted = uploaderId == null ? Uni.createFrom().voidItem()
                : limiter.admit("media-upload:" + uploaderId, config.uploadsPerUser(), config.uploadWindow(),
                "TOO_MANY_UPLOADS", "上传图片过于频繁，请稍后再试", "Too many photo uploads; please try again later");
        // decoding, re-encoding and the MinIO client all block: worker pool, back on the event loop for the DB
        return admitted.chain(() -> BlockingCalls.onWorker(() -> {
            PreparedPhoto photo = intake.prepare(file, size);
            List<StoredObject> stored = objectsOf(id, now, photo);
            objects.storeAll(stored);
            return new Stored(photo, stored);
        }).chain(s -> Panache.withTransaction(() -> repository.persist(row(id, now, uploaderId, s)))
                .onFailure().call(e -> BlockingCalls.onWorker(() -> {
                    objects.removeQuietly(s.objects());
                    return null;
                }))
                .onFailure(MediaService::unknownUploader).transform(e -> new DomainException(401, "UNAUTHENTICATED",
                        "登录已失效，请重新登录", "Your login is no longer valid; please log in again"))
        )).map(media -> view(media, true, true, coordType));
    }

    /** A token whose user no longer exists: the row's uploader foreign key refuses it. */
    private static boolean unknownUploader(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("media_uploader_fk")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A fresh URL of the display copy (or thumbnail) of a photo, for its uploader and for whoever may see the
     * incident it belongs to; 404 for everyone else.
     */
    public Uni<String> displayUrl(UUID id, boolean thumbnail, Actor viewer) {
        return Panache.withSession(() -> repository.findById(id)).chain(media -> {
            if (media == null) {
                throw DomainException.notFound("media", "图片", id);
            }
            Uni<Boolean> allowed = media.uploaderId != null && media.uploaderId == viewer.userId()
                    ? Uni.createFrom().item(true)
                    : media.incidentId == null ? Uni.createFrom().item(false)
                    : incidents.maySee(media.incidentId, viewer);
            return allowed.map(ok -> {
                if (!ok) {
                    throw DomainException.notFound("media", "图片", id);
                }
                return objects.url(objects.config().displayBucket(), thumbnail ? media.thumbnailKey : media.displayKey);
            });
        });
    }

    /**
     * The photos of an incident (the caller has checked the viewer may see it). Originals only for their
     * uploader; the EXIF position and time only for their uploader and for staff whose scope covers the
     * incident ({@code staffInScope}), never for other residents (a handler's photo tells where and when
     * they were).
     */
    public Uni<List<MediaView>> ofIncident(long incidentId, long viewerId, boolean staffInScope, CoordType coordType) {
        return Panache.withSession(() -> repository.ofIncident(incidentId)).map(list -> list.stream()
                .map(m -> {
                    boolean own = m.uploaderId != null && m.uploaderId == viewerId;
                    return view(m, own, own || staffInScope, coordType);
                }).toList());
    }

    /**
     * The API view with fresh URLs; the original only when {@code withOriginal} (the uploader's own), the EXIF
     * only when {@code withExif}.
     */
    public MediaView view(Media media, boolean withOriginal, boolean withExif, CoordType coordType) {
        StorageConfig config = objects.config();
        MediaView.Urls urls = new MediaView.Urls(
                withOriginal ? objects.url(config.originalsBucket(), media.originalKey) : null,
                objects.url(config.displayBucket(), media.displayKey),
                objects.url(config.displayBucket(), media.thumbnailKey));
        return MediaView.of(media, urls, clock.instant().plusSeconds(config.presignSeconds()), withExif, coordType);
    }

    private record Stored(PreparedPhoto photo, List<StoredObject> objects) {
    }

    private List<StoredObject> objectsOf(UUID id, Instant now, PreparedPhoto photo) {
        StorageConfig config = objects.config();
        String prefix = MONTH.format(now) + "/" + id;
        return List.of(
                new StoredObject(config.originalsBucket(), prefix + "." + photo.kind().extension(), photo.original(),
                        photo.kind().contentType()),
                new StoredObject(config.displayBucket(), prefix + "/display." + photo.image().displayExtension(),
                        photo.image().display(), photo.image().displayContentType()),
                new StoredObject(config.displayBucket(), prefix + "/thumb.jpg", photo.image().thumbnail(),
                        ProcessedImage.THUMBNAIL_CONTENT_TYPE));
    }

    private static Media row(UUID id, Instant now, Long uploaderId, Stored s) {
        PreparedPhoto photo = s.photo();
        Media media = new Media();
        media.id = id;
        media.uploaderId = uploaderId;
        media.contentType = photo.kind().contentType();
        media.bytes = photo.original().length;
        media.sha256 = photo.sha256();
        media.width = photo.image().width();
        media.height = photo.image().height();
        media.originalKey = s.objects().get(0).key();
        media.displayKey = s.objects().get(1).key();
        media.displayContentType = photo.image().displayContentType();
        media.thumbnailKey = s.objects().get(2).key();
        media.exifLng = photo.exif().lng();
        media.exifLat = photo.exif().lat();
        media.exifTakenAt = photo.exif().takenAt();
        media.createdAt = now;
        return media;
    }
}
