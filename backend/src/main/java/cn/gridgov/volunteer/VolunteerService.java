package cn.gridgov.volunteer;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.personal.PersonalDataAccess;
import cn.gridgov.party.member.PartyMemberService;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.wechat.WeChatClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;

/**
 * Volunteers: a logged-in user (resident, or Party member in the same mini program) registers once with the community
 * they serve; the community's staff see their volunteers in scope. Phones are personal data: encrypted with a search
 * hash, shown masked, revealed in full only through the audited path.
 */
@ApplicationScoped
public class VolunteerService {

    /** The kind of subject a volunteer's phone reveal is audited under. */
    static final String AUDIT_SUBJECT = "volunteer";

    private final Pool pool;
    private final VolunteerRepository volunteers;
    private final RegionRepository regions;
    private final PartyMemberService partyMembers;
    private final PersonalData personalData;
    private final PersonalDataAccess personalDataAccess;
    private final WeChatClient wechat;
    private final Clock clock;

    public VolunteerService(Pool pool, VolunteerRepository volunteers, RegionRepository regions,
                            PartyMemberService partyMembers, PersonalData personalData,
                            PersonalDataAccess personalDataAccess, WeChatClient wechat, Clock clock) {
        this.pool = pool;
        this.volunteers = volunteers;
        this.regions = regions;
        this.partyMembers = partyMembers;
        this.personalData = personalData;
        this.personalDataAccess = personalDataAccess;
        this.wechat = wechat;
        this.clock = clock;
    }

    /** The caller registers as a volunteer of a community with the phone behind {@code phoneCode} (WeChat's phone API). */
    public Uni<VolunteerView> register(Actor actor, VolunteerRequests.VolunteerRegistration body) {
        return volunteers.findByUser(pool, actor.userId()).chain(existing -> {
            if (existing.isPresent()) {
                throw alreadyRegistered();
            }
            return regions.findById(body.communityId(), null);
        }).chain(community -> {
            if (community == null || community.level() != RegionLevel.COMMUNITY) {
                throw DomainException.badRequest("BAD_COMMUNITY", "communityId 应为社区：" + body.communityId(),
                        "communityId must be a community: " + body.communityId());
            }
            return partyMembers.mineView(actor.userId()).map(m -> (Long) m.id())
                    .onFailure(NotFound.class).recoverWithNull();
        }).chain(partyMemberId -> wechat.phoneNumber(body.phoneCode().trim()).chain(phone -> {
            String number = phone.purePhoneNumber();
            return pool.withTransaction(tx -> volunteers.insert(tx, actor.userId(), body.communityId(), body.name().trim(),
                            personalData.encrypt(number), personalData.searchHash(number), cleaned(body.skills()),
                            cleaned(body.availableTimes()), partyMemberId, clock.instant())
                    .chain(id -> volunteers.find(tx, id)));
        })).map(found -> view(found.get()))
                .onFailure(PgException.class).transform(e -> {
                    PgException pg = (PgException) e;
                    if (!"23505".equals(pg.getSqlState())) {
                        return e;
                    }
                    return VolunteerRepository.USER_ONCE.equals(pg.getConstraint()) ? alreadyRegistered()
                            : VolunteerRepository.PHONE_UNIQUE.equals(pg.getConstraint())
                            ? new Conflict("VOLUNTEER_PHONE_TAKEN", "该手机号已登记为志愿者", "A volunteer with this phone exists")
                            : e;
                });
    }

    /** The caller's own volunteer record; 404 VOLUNTEER_NOT_FOUND when they have none. */
    public Uni<VolunteerRow> mine(long userId) {
        return volunteers.findByUser(pool, userId).map(found -> found.filter(VolunteerRow::active)
                .orElseThrow(VolunteerService::notVolunteer));
    }

    public Uni<VolunteerView> mineView(long userId) {
        return mine(userId).map(this::view);
    }

    /** The caller changes their skills and available times (versioned). */
    public Uni<VolunteerView> updateMine(Actor actor, VolunteerRequests.VolunteerUpdate body) {
        return mine(actor.userId()).chain(me -> pool.withTransaction(tx -> volunteers
                .update(tx, me.id(), body.version(), cleaned(body.skills()), cleaned(body.availableTimes()), clock.instant())
                .chain(done -> {
                    if (!done) {
                        throw new StaleVersion("志愿者信息已变化，请刷新后重试", "The volunteer record changed since you read it");
                    }
                    return volunteers.find(tx, me.id());
                }))).map(found -> view(found.get()));
    }

    public Uni<CursorPage<VolunteerView>> list(Actor actor, Long communityId, String skill, String cursor, int limit) {
        Long after = CursorPage.after(cursor);
        return volunteers.list(pool, actor.scopePath(), communityId, skill == null || skill.isBlank() ? null : skill.trim(),
                        after == null ? 0 : after, limit + 1)
                .map(rows -> CursorPage.of(rows.stream().map(this::view).toList(), limit, VolunteerView::id));
    }

    /** A volunteer whose community lies in the actor's scope; 404 otherwise. */
    public Uni<VolunteerView> get(Actor actor, long id) {
        return visible(actor, id).map(this::view);
    }

    public Uni<VolunteerRow> visible(Actor actor, long id) {
        return volunteers.findWithin(pool, id, actor.scopePath()).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** The volunteer's full phone for a leader, audited. */
    public Uni<String> revealPhone(Actor actor, long id, String reason) {
        return visible(actor, id).chain(v -> personalDataAccess.revealStoredPhone(actor, v.phoneEnc(), AUDIT_SUBJECT,
                v.id(), reason));
    }

    public VolunteerView view(VolunteerRow v) {
        return VolunteerView.of(v, mask(v.phoneEnc()));
    }

    /** THE display of a volunteer's phone: decrypted only to be masked. */
    public String mask(byte[] phoneEnc) {
        return PersonalData.maskPhone(personalData.decrypt(phoneEnc));
    }

    private static List<String> cleaned(List<String> items) {
        return items == null ? List.of() : items.stream().map(String::trim).distinct().toList();
    }

    private static Conflict alreadyRegistered() {
        return new Conflict("ALREADY_A_VOLUNTEER", "您已登记为志愿者", "You are registered as a volunteer already");
    }

    static NotFound notVolunteer() {
        return new NotFound("VOLUNTEER_NOT_FOUND", "您尚未登记为志愿者", "You are not registered as a volunteer");
    }

    public static NotFound notFound(long id) {
        return new NotFound("VOLUNTEER_NOT_FOUND", "志愿者不存在或无权访问：" + id, "Volunteer not found: " + id);
    }
}
