package cn.gridgov.media;

import cn.gridgov.common.error.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Attaches uploaded photos to an incident inside the incident's transaction: only the uploader's own photos,
 * each to one incident only (attaching again to the same incident changes nothing).
 */
@ApplicationScoped
public class MediaAttachments {

    public static final int MAX_PER_REQUEST = 9;

    private final MediaRepository repository;

    public MediaAttachments(MediaRepository repository) {
        this.repository = repository;
    }

    /** Attaches all of {@code ids} or fails with 400 (and the caller's transaction rolls back). */
    public Uni<Void> attach(SqlClient tx, List<UUID> ids, long incidentId, long uploaderId) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.size() > MAX_PER_REQUEST) {
            throw DomainException.badRequest("TOO_MANY_MEDIA", "一次最多附 " + MAX_PER_REQUEST + " 张图片",
                    "At most " + MAX_PER_REQUEST + " photos at a time");
        }
        return repository.attach(tx, distinct, incidentId, uploaderId)
                .map(attached -> {
                    if (attached != distinct.size()) {
                        throw DomainException.badRequest("MEDIA_NOT_ATTACHABLE",
                                "有图片不存在、不是您上传的，或已用于其他事件，请重新上传",
                                "Some photos do not exist, are not yours, or belong to another incident");
                    }
                    return null;
                });
    }
}
