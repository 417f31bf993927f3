package cn.gridgov.media;

import cn.gridgov.common.security.Actor;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/** Whether a caller may see a photo attached to a volunteer's completion report; implemented by the volunteer package. */
public interface ReportPhotoAccess {

    Uni<Boolean> maySee(UUID mediaId, Actor actor);
}
