package cn.gridgov.moderation;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.identity.AppUser;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.wechat.ContentCheck;
import cn.gridgov.wechat.WeChatClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * THE check of what a resident submits (a request, an addition, a rating), before anything is stored: a muted
 * resident is refused (403 USER_MUTED, until when in Beijing time); their text goes through WeChat's text check
 * ({@code msgSecCheck} v2, with their openid and the kind's scene): {@code risky} is refused (422 CONTENT_RISKY)
 * and nothing is written, {@code review} is accepted with a flag for a moderator ({@link #keep}, in the
 * submission's transaction). When WeChat cannot be asked (down, or it refuses the check) the text is accepted and
 * flagged UNCHECKED: a resident's report must not wait on WeChat, and a person looks at it instead. Staff are not
 * screened.
 */
@ApplicationScoped
public class ContentScreen {

    private static final Logger LOG = Logger.getLogger(ContentScreen.class);
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ApiTime.ZONE);

    private final Pool pool;
    private final ModerationRepository repository;
    private final UserRepository users;
    private final WeChatClient wechat;
    private final Clock clock;

    public ContentScreen(Pool pool, ModerationRepository repository, UserRepository users, WeChatClient wechat,
                         Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.users = users;
        this.wechat = wechat;
        this.clock = clock;
    }

    /** Screens {@code text} (may be null: only the mute is checked) that {@code actor} submits as {@code kind}. */
    public Uni<Screened> screen(Actor actor, FlagKind kind, String text) {
        if (actor.isStaff()) {
            return Uni.createFrom().item(Screened.CLEAR);
        }
        return refuseIfMuted(actor.userId()).chain(() -> {
            if (text == null || text.isBlank()) {
                return Uni.createFrom().item(Screened.CLEAR);
            }
            return users.find(pool, actor.userId()).chain(user -> {
                String openid = user.map(AppUser::openid).orElse(null);
                if (openid == null) {
                    return Uni.createFrom().item(unchecked(actor, kind, text));
                }
                return wechat.msgSecCheck(openid, kind.scene(), text)
                        .map(check -> verdict(actor, kind, text, check))
                        .onFailure(e -> !(e instanceof ContentRisky)).recoverWithItem(e -> {
                            LOG.warnf("text check unavailable, %s accepted for review: %s", kind, e.getMessage());
                            return unchecked(actor, kind, text);
                        });
            });
        });
    }

    /** Writes the flag of a screened submission (nothing when it was clear), in the submission's transaction. */
    public Uni<Void> keep(SqlClient tx, Screened screened, long incidentId) {
        if (!screened.flagged()) {
            return Uni.createFrom().voidItem();
        }
        return repository.insertFlag(tx, screened.kind(), screened.reason(), incidentId, null, screened.authorId(),
                screened.content(), screened.label(), screened.traceId(), clock.instant()).replaceWithVoid();
    }

    /** 403 USER_MUTED while {@code userId} is muted. */
    public Uni<Void> refuseIfMuted(long userId) {
        return repository.mutedUntil(pool, userId, clock.instant()).map(until -> {
            if (until != null) {
                throw muted(until);
            }
            return null;
        });
    }

    static DomainException muted(Instant until) {
        String at = BEIJING.format(until);
        return new NotAllowed("USER_MUTED", "您因多次发布违规内容已被禁言至 " + at + "（北京时间），期间不能提交诉求、补充信息或评价",
                "You are muted until " + at + " (Beijing time) for repeated violations: no requests, additions or ratings")
                .with("mutedUntil", ApiTime.of(until).toString(), ApiTime.of(until).toString());
    }

    private static Screened verdict(Actor actor, FlagKind kind, String text, ContentCheck check) {
        return switch (check.suggest()) {
            case PASS -> Screened.CLEAR;
            case REVIEW -> new Screened(kind, FlagReason.REVIEW, actor.userId(), text, check.label(), check.traceId());
            case RISKY -> throw new ContentRisky();
        };
    }

    private static Screened unchecked(Actor actor, FlagKind kind, String text) {
        return new Screened(kind, FlagReason.UNCHECKED, actor.userId(), text, null, null);
    }

    /** Risky text: refused, nothing stored. */
    static final class ContentRisky extends Unprocessable {
        ContentRisky() {
            super("CONTENT_RISKY", "内容含有违规信息，未能提交，请修改后重试",
                    "The text was found to break content rules; nothing was stored. Please change it and retry");
        }
    }
}
