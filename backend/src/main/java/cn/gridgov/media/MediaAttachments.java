package cn.gridgov.media;

import cn.gridgov.common.error.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Attaches uploaded photos to an incident (or a volunteer's completion report) inside its transaction: only the
 * uploader's own photos, each to one owner only (attaching again to the same owner changes nothing).
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
        return attachAll(ids, distinct -> repository.attach(tx, distinct, incidentId, uploaderId));
    }

    /** Attaches all of {@code ids} to a volunteer claim's completion report, or fails with 400 (as {@link #attach}). */
    public Uni<Void> attachToClaim(SqlClient tx, List<UUID> ids, long claimId, long uploaderId) {
        return attachAll(ids, distinct -> repository.attachToClaim(tx, distinct, claimId, uploaderId));
    }

    private static Uni<Void> attachAll(List<UUID> ids, Function<List<UUID>, Uni<Integer>> attach) {
        if (ids == null || ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.size() > MAX_PER_REQUEST) {
            throw DomainException.badRequest("TOO_MANY_MEDIA", "一次最多附 " + MAX_PER_REQUEST + " 张图片",
                    "At most " + MAX_PER_REQUEST + " photos at a time");
        }
        return attach.apply(distinct)
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
