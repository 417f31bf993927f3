package cn.gridgov.media;

import cn.gridgov.common.BlockingCalls;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.Gone;
import cn.gridgov.common.error.Unauthenticated;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.ratelimit.RateLimiter;
import cn.gridgov.common.security.Actor;
import cn.gridgov.media.MediaObjects.StoredObject;
import cn.gridgov.media.PhotoIntake.PreparedPhoto;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

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

    private final Pool pool;
    private final PhotoIntake intake;
    private final MediaObjects objects;
    private final MediaRepository repository;
    private final Clock clock;
    private final IncidentAccess incidents;
    private final ReportPhotoAccess reports;
    private final RateLimiter limiter;
    private final MediaConfig config;
    private final Instance<PhotoStoredListener> listeners;

    public MediaService(Pool pool, PhotoIntake intake, MediaObjects objects, MediaRepository repository, Clock clock,
                        IncidentAccess incidents, ReportPhotoAccess reports, RateLimiter limiter, MediaConfig config,
                        Instance<PhotoStoredListener> listeners) {
        this.pool = pool;
        this.listeners = listeners;
        this.limiter = limiter;
        this.config = config;
        this.intake = intake;
        this.objects = objects;
        this.repository = repository;
        this.clock = clock;
        this.incidents = incidents;
        this.reports = reports;
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
        }).chain(s -> {
            Media media = row(id, now, uploaderId, s);
            // one statement: it commits on its own, no transaction to open
            return repository.insert(pool, media).replaceWith(media)
                    .onFailure().call(e -> BlockingCalls.onWorker(() -> {
                        objects.removeQuietly(s.objects());
                        return null;
                    }))
                    .onFailure(MediaService::unknownUploader).transform(e -> new Unauthenticated("UNAUTHENTICATED",
                            "登录已失效，请重新登录", "Your login is no longer valid; please log in again"));
        })).call(this::told).map(media -> view(media, true, true, coordType));
    }

    /** Tells the listeners (the content check) of the stored photo; their failures never fail the upload. */
    private Uni<Void> told(Media media) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PhotoStoredListener listener : listeners) {
            chain = chain.chain(() -> listener.stored(media, objects.url(objects.config().displayBucket(),
                    media.displayKey())).onFailure().recoverWithNull());
        }
        return chain;
    }

    /** A token whose user no longer exists: the row's uploader foreign key refuses it (23503 on that constraint). */
    private static boolean unknownUploader(Throwable e) {
        return e instanceof PgException pg && "23503".equals(pg.getSqlState())
                && MediaRepository.UPLOADER_FK.equals(pg.getConstraint());
    }

    /**
     * A fresh URL of the display copy (or thumbnail) of a photo, for its uploader and for whoever may see the
     * incident (or volunteer's completion report) it belongs to; 404 for everyone else.
     */
    public Uni<String> displayUrl(UUID id, boolean thumbnail, Actor viewer) {
        return repository.find(pool, id).chain(media -> {
            if (media == null) {
                throw DomainException.notFound("media", "图片", id);
            }
            Uni<Boolean> allowed = media.uploaderId() != null && media.uploaderId() == viewer.userId()
                    ? Uni.createFrom().item(true)
                    : media.incidentId() == null ? reports.maySee(id, viewer)
                    : incidents.maySee(media.incidentId(), viewer);
            return allowed.map(ok -> {
                if (!ok) {
                    throw DomainException.notFound("media", "图片", id);
                }
                if (media.hiddenAt() != null) {
                    throw new Gone("MEDIA_HIDDEN", "该图片因内容安全原因已被屏蔽",
                            "The photo has been hidden for content safety");
                }
                return objects.url(objects.config().displayBucket(), thumbnail ? media.thumbnailKey() : media.displayKey());
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
        return repository.ofIncident(pool, incidentId).map(list -> list.stream()
                .filter(m -> m.hiddenAt() == null)
                .map(m -> {
                    boolean own = m.uploaderId() != null && m.uploaderId() == viewerId;
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
                withOriginal ? objects.url(config.originalsBucket(), media.originalKey()) : null,
                objects.url(config.displayBucket(), media.displayKey()),
                objects.url(config.displayBucket(), media.thumbnailKey()));
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
        return new Media(id, uploaderId, photo.kind().contentType(), photo.original().length, photo.sha256(),
                photo.image().width(), photo.image().height(), s.objects().get(0).key(), s.objects().get(1).key(),
                photo.image().displayContentType(), s.objects().get(2).key(), photo.exif().lng(), photo.exif().lat(),
                photo.exif().takenAt(), null, now, null);
    }
}
