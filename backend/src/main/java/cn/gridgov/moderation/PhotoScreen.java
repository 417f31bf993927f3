package cn.gridgov.moderation;

import cn.gridgov.identity.AppUser;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.media.Media;
import cn.gridgov.media.MediaRepository;
import cn.gridgov.media.PhotoStoredListener;
import cn.gridgov.wechat.ContentCheck;
import cn.gridgov.wechat.MediaCheckVerdicts;
import cn.gridgov.wechat.WeChatClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * The check of residents' photos: each stored photo of a resident is sent to WeChat's {@code mediaCheckAsync}
 * (the presigned URL of its display copy) and the trace id kept; when the verdict is pushed, a risky photo is
 * hidden at once and flagged (with its incident) for a moderator, a photo to review is flagged. When WeChat cannot
 * be asked the photo stays visible, flagged UNCHECKED. In dev mode WeChat is not asked: every photo passes.
 */
@ApplicationScoped
public class PhotoScreen implements PhotoStoredListener, MediaCheckVerdicts {

    private static final Logger LOG = Logger.getLogger(PhotoScreen.class);

    private final Pool pool;
    private final ModerationRepository repository;
    private final MediaRepository media;
    private final UserRepository users;
    private final WeChatClient wechat;
    private final Clock clock;

    public PhotoScreen(Pool pool, ModerationRepository repository, MediaRepository media, UserRepository users,
                       WeChatClient wechat, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.media = media;
        this.users = users;
        this.wechat = wechat;
        this.clock = clock;
    }

    @Override
    public Uni<Void> stored(Media photo, String displayUrl) {
        if (photo.uploaderId() == null) {
            return Uni.createFrom().voidItem();
        }
        return users.find(pool, photo.uploaderId()).chain(user -> {
            if (user.isEmpty() || user.get().isStaff()) {
                return Uni.createFrom().voidItem();
            }
            String openid = user.map(AppUser::openid).orElse(null);
            Uni<String> asked = openid == null ? Uni.createFrom().failure(new IllegalStateException("no openid"))
                    : wechat.mediaCheckAsync(openid, FlagKind.PHOTO.scene(), displayUrl);
            return asked.chain(trace -> trace == null ? Uni.createFrom().voidItem()
                            : repository.insertMediaCheck(pool, trace, photo.id(), clock.instant()))
                    .onFailure().recoverWithUni(e -> {
                        LOG.warnf("photo check unavailable, photo %s flagged for review: %s", photo.id(), e.getMessage());
                        return repository.insertFlag(pool, FlagKind.PHOTO, FlagReason.UNCHECKED, null, photo.id(),
                                photo.uploaderId(), null, null, null, clock.instant()).replaceWithVoid();
                    });
        });
    }

    @Override
    public Uni<Void> received(ContentCheck check) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> repository.answerMediaCheck(tx, check.traceId(), check.suggest().word(),
                check.label(), now).chain(checked -> {
                    if (checked == null || check.suggest() == ContentCheck.Suggest.PASS || checked.uploaderId() == null) {
                        return Uni.createFrom().voidItem();
                    }
                    boolean risky = check.suggest() == ContentCheck.Suggest.RISKY;
                    Uni<Void> hidden = risky ? media.setHidden(tx, checked.mediaId(), now).replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return hidden.chain(() -> repository.insertFlag(tx, FlagKind.PHOTO,
                            risky ? FlagReason.RISKY : FlagReason.REVIEW, checked.incidentId(), checked.mediaId(),
                            checked.uploaderId(), null, check.label(), check.traceId(), now)).replaceWithVoid();
                }));
    }
}
