package cn.gridgov.party.member;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.personal.PersonalDataAccess;
import cn.gridgov.party.org.OrgRow;
import cn.gridgov.party.org.PartyOrgService;
import cn.gridgov.wechat.WeChatClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Party members: entered by staff of their home organisation, or registering themselves in the mini program with the
 * phone WeChat vouches for (which links a record staff entered with the same phone). Phones are personal data:
 * encrypted with a search hash, shown masked, revealed in full only through the audited path.
 */
@ApplicationScoped
public class PartyMemberService {

    /** The kind of subject a member's phone reveal is audited under. */
    static final String AUDIT_SUBJECT = "party_member";

    private final Pool pool;
    private final PartyMemberRepository members;
    private final PartyOrgService orgs;
    private final PersonalData personalData;
    private final PersonalDataAccess personalDataAccess;
    private final WeChatClient wechat;
    private final Clock clock;

    public PartyMemberService(Pool pool, PartyMemberRepository members, PartyOrgService orgs, PersonalData personalData,
                              PersonalDataAccess personalDataAccess, WeChatClient wechat, Clock clock) {
        this.pool = pool;
        this.members = members;
        this.orgs = orgs;
        this.personalData = personalData;
        this.personalDataAccess = personalDataAccess;
        this.wechat = wechat;
        this.clock = clock;
    }

    /** Staff enter a member of an organisation within their scope. */
    public Uni<MemberViews.PartyMemberView> create(Actor actor, MemberRequests.NewPartyMember body) {
        String phone = body.phone().trim();
        return pool.withTransaction(tx -> activeOrg(tx, body.orgId(), actor.scopePath())
                        .chain(org -> members.insert(tx, null, body.name().trim(), personalData.encrypt(phone),
                                personalData.searchHash(phone), org.id(), trimmed(body.workplace()),
                                Boolean.TRUE.equals(body.inService()), actor.userId(), clock.instant()))
                        .chain(id -> members.find(tx, id)))
                .map(found -> view(found.get()))
                .onFailure(PgException.class).transform(e -> isTaken((PgException) e) ? phoneTaken() : e);
    }

    /** What a self-registration did: the member, and whether it was created (else linked to an existing record). */
    public record SelfRegistered(MemberViews.PartyMemberView member, boolean created) {
    }

    /**
     * The caller registers as a member with the phone behind {@code phoneCode} (WeChat's phone API). A record staff
     * entered with that phone is linked to the caller instead of making a second one.
     */
    public Uni<SelfRegistered> registerSelf(Actor actor, MemberRequests.PartyMemberSelfRegistration body) {
        return members.findByUser(pool, actor.userId()).chain(existing -> {
            if (existing.isPresent()) {
                throw new Conflict("ALREADY_A_MEMBER", "您已登记为党员", "You are registered as a Party member already");
            }
            return wechat.phoneNumber(body.phoneCode().trim());
        }).chain(phone -> {
            String number = phone.purePhoneNumber();
            byte[] hash = personalData.searchHash(number);
            return pool.withTransaction(tx -> members.findByPhoneForUpdate(tx, hash).chain(found -> {
                if (found.isPresent()) {
                    if (found.get().userId() != null) {
                        throw phoneTaken();
                    }
                    return members.link(tx, found.get().id(), actor.userId()).replaceWith(new Saved(found.get().id(), false));
                }
                return activeOrg(tx, body.orgId(), null)
                        .chain(org -> members.insert(tx, actor.userId(), body.name().trim(), personalData.encrypt(number),
                                hash, org.id(), trimmed(body.workplace()), Boolean.TRUE.equals(body.inService()),
                                actor.userId(), clock.instant()))
                        .map(id -> new Saved(id, true));
            }).chain(saved -> members.find(tx, saved.id())
                    .map(m -> new SelfRegistered(view(m.get()), saved.created()))));
        }).onFailure(PgException.class).transform(e -> isTaken((PgException) e) ? phoneTaken() : e);
    }

    private record Saved(long id, boolean created) {
    }

    /** The caller's own member record; 404 PARTY_MEMBER_NOT_FOUND when they have none. */
    public Uni<MemberRow> mine(long userId) {
        return members.findByUser(pool, userId).map(found -> found.orElseThrow(PartyMemberService::notMember));
    }

    public Uni<MemberViews.PartyMemberView> mineView(long userId) {
        return mine(userId).map(this::view);
    }

    /** A member visible in the actor's scope (home organisation or a registration there); 404 otherwise. */
    public Uni<MemberViews.PartyMemberView> get(Actor actor, long id) {
        return visible(actor, id).map(this::view);
    }

    /** The member's full phone for a leader, audited. */
    public Uni<String> revealPhone(Actor actor, long id, String reason) {
        return visible(actor, id).chain(m -> personalDataAccess.revealStoredPhone(actor, m.phoneEnc(), AUDIT_SUBJECT,
                m.id(), reason));
    }

    /** The roster of an organisation in scope: its own members and those dual-registered at its node(s). */
    public Uni<CursorPage<MemberViews.PartyRosterEntry>> roster(long orgId, String scope, String cursor, int limit) {
        Long after = CursorPage.after(cursor);
        return orgs.visible(pool, orgId, scope)
                .chain(org -> members.roster(pool, orgId, org.nodeIds(), after == null ? 0 : after, limit + 1)).map(rows -> CursorPage.of(rows.stream().map(r -> new MemberViews.PartyRosterEntry(r.memberId(), r.name(),
                mask(r.phoneEnc()), r.homeOrgId(), r.inService(), r.relation(), r.registrationId(), r.communityId(),
                r.buildingId())).toList(), limit, MemberViews.PartyRosterEntry::memberId));
    }

    private Uni<MemberRow> visible(Actor actor, long id) {
        return members.find(pool, id).chain(found -> found.isEmpty() ? Uni.createFrom().failure(notFound(id))
                : members.visible(pool, id, actor.scopePath()).map(visible -> {
                    if (!visible) {
                        throw notFound(id);
                    }
                    return found.get();
                }));
    }

    private Uni<OrgRow> activeOrg(SqlClient tx, long orgId, String scope) {
        return orgs.visible(tx, orgId, scope).map(org -> {
            if (!org.active()) {
                throw new Conflict("ORG_ENDED", "该党组织已撤销或合并，请选择现在的组织", "The organisation has ended");
            }
            return org;
        });
    }

    MemberViews.PartyMemberView view(MemberRow m) {
        return MemberViews.PartyMemberView.of(m, mask(m.phoneEnc()));
    }

    String mask(byte[] phoneEnc) {
        return PersonalData.maskPhone(personalData.decrypt(phoneEnc));
    }

    private static boolean isTaken(PgException e) {
        return "23505".equals(e.getSqlState()) && (PartyMemberRepository.PHONE_UNIQUE.equals(e.getConstraint())
                || PartyMemberRepository.USER_UNIQUE.equals(e.getConstraint()));
    }

    private static Conflict phoneTaken() {
        return new Conflict("MEMBER_EXISTS", "该手机号已登记为党员", "A Party member with this phone exists");
    }

    static NotFound notMember() {
        return new NotFound("PARTY_MEMBER_NOT_FOUND", "您尚未登记为党员", "You are not registered as a Party member");
    }

    static NotFound notFound(long id) {
        return new NotFound("PARTY_MEMBER_NOT_FOUND", "党员不存在或无权访问：" + id, "Party member not found: " + id);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
