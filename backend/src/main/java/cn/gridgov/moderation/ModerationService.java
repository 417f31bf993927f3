package cn.gridgov.moderation;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.media.MediaRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Moderators (a permission of community admins and above, {@code Role.MODERATORS}) list the flags of their subtree
 * and decide them: SHOW, HIDE, or HIDE_AND_WARN. A warned author is muted for {@code muteHours} when the moderator
 * says so, and automatically for {@link ModerationConfig#muteFor()} once warned
 * {@link ModerationConfig#warningsBeforeMute()} times within {@link ModerationConfig#warningWindow()}.
 */
@ApplicationScoped
public class ModerationService {

    /** The longest mute a moderator may give at once. */
    static final int MAX_MUTE_HOURS = 24 * 90;

    private final Pool pool;
    private final ModerationRepository repository;
    private final MediaRepository media;
    private final ModerationConfig config;
    private final Clock clock;

    public ModerationService(Pool pool, ModerationRepository repository, MediaRepository media,
                             ModerationConfig config, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.media = media;
        this.config = config;
        this.clock = clock;
    }

    public Uni<CursorPage<FlagView>> list(Actor actor, FlagStatus status, Long after, int limit) {
        Instant now = clock.instant();
        return repository.page(pool, actor.scopePath(), status, after, limit + 1)
                .map(found -> CursorPage.of(found.stream().map(f -> FlagView.of(f, now)).toList(), limit,
                        FlagView::id));
    }

    public Uni<FlagView> decide(Actor actor, long id, Decision decision, String note, Integer muteHours) {
        if (muteHours != null && (decision != Decision.HIDE_AND_WARN || muteHours < 1 || muteHours > MAX_MUTE_HOURS)) {
            throw new Invalid("MUTE_INVALID", "禁言时长（muteHours）只能与 HIDE_AND_WARN 一起给出，且为 1 到 "
                    + MAX_MUTE_HOURS + " 小时", "muteHours goes with HIDE_AND_WARN only, 1 to " + MAX_MUTE_HOURS);
        }
        Instant now = clock.instant();
        return pool.withTransaction(tx -> repository.findForUpdate(tx, id, actor.scopePath()).chain(flag -> {
            if (flag == null) {
                throw notFound(id);
            }
            if (flag.status() != FlagStatus.OPEN) {
                throw new Conflict("FLAG_DECIDED", "该待审核项已处理过", "The flag has been decided already");
            }
            String trimmed = note == null || note.isBlank() ? null : note.trim();
            Uni<Void> photo = flag.mediaId() == null ? Uni.createFrom().voidItem()
                    : media.setHidden(tx, flag.mediaId(), decision == Decision.SHOW ? null : now).replaceWithVoid();
            return photo.chain(() -> repository.decide(tx, id, decision, actor.userId(), now, trimmed))
                    .chain(() -> decision != Decision.HIDE_AND_WARN ? Uni.createFrom().voidItem()
                            : repository.warnings(tx, flag.authorId(), now.minus(config.warningWindow()))
                            .chain(warnings -> {
                                Duration mute = muteHours != null ? Duration.ofHours(muteHours)
                                        : warnings >= config.warningsBeforeMute() ? config.muteFor() : null;
                                return mute == null ? Uni.createFrom().voidItem()
                                        : repository.mute(tx, flag.authorId(), now.plus(mute),
                                        muteHours != null ? "moderator" : "warnings:" + warnings, actor.userId(), now)
                                        .replaceWithVoid();
                            }))
                    .chain(() -> repository.find(tx, id, actor.scopePath()));
        })).map(f -> FlagView.of(f, now));
    }

    static NotFound notFound(long id) {
        return new NotFound("MODERATION_FLAG_NOT_FOUND", "待审核项不存在：" + id, "No such moderation flag: " + id);
    }
}
