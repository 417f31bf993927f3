package cn.gridgov.party.cobuild;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.security.Actor;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.personal.PersonalDataAccess;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Co-building units (共驻共建): registered by admins of a community (or above) with their first agreement, seen and
 * changed by admins whose scope contains a community the unit has an agreement with. The contact's phone is personal
 * data: encrypted with a search hash (to link the contact's mini-program user), shown masked, revealed audited.
 */
@ApplicationScoped
public class UnitService {

    /** The kind of subject a contact's phone reveal is audited under. */
    static final String AUDIT_SUBJECT = "cobuild_unit";

    private final Pool pool;
    private final UnitRepository units;
    private final AgreementRepository agreements;
    private final RegionRepository regions;
    private final PersonalData personalData;
    private final PersonalDataAccess personalDataAccess;
    private final CobuildConfig config;
    private final Clock clock;

    public UnitService(Pool pool, UnitRepository units, AgreementRepository agreements, RegionRepository regions,
                       PersonalData personalData, PersonalDataAccess personalDataAccess, CobuildConfig config,
                       Clock clock) {
        this.pool = pool;
        this.units = units;
        this.agreements = agreements;
        this.regions = regions;
        this.personalData = personalData;
        this.personalDataAccess = personalDataAccess;
        this.config = config;
        this.clock = clock;
    }

    /** Registers a unit with a community in the admin's scope, with their agreement. */
    public Uni<CobuildViews.CobuildUnitView> create(Actor actor, CobuildRequests.CobuildNewUnit body) {
        checkDates(body.agreement().signedOn(), body.agreement().validUntil());
        String phone = body.contactPhone().trim();
        return community(actor, body.agreement().communityId()).chain(c -> pool.withTransaction(tx -> units
                        .insert(tx, body.name().trim(), body.kind(), trimmed(body.creditCode()), trimmed(body.address()),
                                body.contactName().trim(), personalData.encrypt(phone), personalData.searchHash(phone),
                                actor.userId(), clock.instant())
                        .call(id -> agreements.insert(tx, id, body.agreement(), actor.userId(), clock.instant()))
                        .chain(id -> view(tx, id, actor.scopePath()))))
                .onFailure(PgException.class).transform(UnitService::constraint);
    }

    /** A unit seen through its agreements with communities in the caller's scope; 404 otherwise. */
    public Uni<CobuildViews.CobuildUnitView> get(Actor actor, long id) {
        return view(pool, id, actor.scopePath());
    }

    public Uni<CobuildViews.CobuildUnitView> update(Actor actor, long id, CobuildRequests.CobuildUnitUpdate body) {
        String phone = body.contactPhone() == null || body.contactPhone().isBlank() ? null : body.contactPhone().trim();
        return pool.withTransaction(tx -> units.findForUpdate(tx, id, actor.scopePath()).chain(found -> {
                    found.orElseThrow(() -> notFound(id));
                    return units.update(tx, id, body.version(), body.name().trim(), body.kind(),
                            trimmed(body.creditCode()), trimmed(body.address()), body.contactName().trim(),
                            phone == null ? null : personalData.encrypt(phone),
                            phone == null ? null : personalData.searchHash(phone), clock.instant());
                }).chain(done -> {
                    if (!done) {
                        throw stale("共建单位");
                    }
                    return view(tx, id, actor.scopePath());
                }))
                .onFailure(PgException.class).transform(UnitService::constraint);
    }

    /** The contact's full phone for a leader whose scope sees the unit, audited. */
    public Uni<String> revealContactPhone(Actor actor, long id, String reason) {
        return units.find(pool, id, actor.scopePath()).chain(found -> {
            UnitRow unit = found.orElseThrow(() -> notFound(id));
            return personalDataAccess.revealStoredPhone(actor, unit.contactPhoneEnc(), AUDIT_SUBJECT, unit.id(), reason);
        });
    }

    /** A further agreement of a unit the admin sees, with a community in their scope (one per unit and community). */
    public Uni<CobuildViews.CobuildAgreementView> addAgreement(Actor actor, long unitId,
                                                               CobuildRequests.CobuildAgreementInput body) {
        checkDates(body.signedOn(), body.validUntil());
        return units.find(pool, unitId, actor.scopePath()).chain(found -> {
                    found.orElseThrow(() -> notFound(unitId));
                    return community(actor, body.communityId());
                }).chain(c -> pool.withTransaction(tx -> agreements.insert(tx, unitId, body, actor.userId(), clock.instant())
                        .chain(id -> agreements.find(tx, id, null))))
                .map(row -> agreementView(row.get(), term()))
                .onFailure(PgException.class).transform(UnitService::constraint);
    }

    AgreementTerm term() {
        return AgreementTerm.of(clock, config);
    }

    CobuildViews.CobuildAgreementView agreementView(AgreementRow a, AgreementTerm term) {
        boolean inForce = "ACTIVE".equals(a.status());
        return new CobuildViews.CobuildAgreementView(a.id(), a.unitId(), a.unitName(), a.unitKind(), a.communityId(),
                a.communityName(), a.signedOn(), a.validUntil(), a.communityDuties(), a.unitDuties(), a.status(),
                a.endReason(), term.expired(a.validUntil()), inForce && term.expiringSoon(a.validUntil()),
                term.daysLeft(a.validUntil()), a.contactName(), mask(a.contactPhoneEnc()), a.version());
    }

    /** The unit with its agreements within {@code scope} (all when null) and its resources; 404 when not seen. */
    Uni<CobuildViews.CobuildUnitView> view(SqlClient db, long id, String scope) {
        AgreementTerm term = term();
        return units.find(db, id, scope).chain(found -> {
            UnitRow u = found.orElseThrow(() -> notFound(id));
            return agreements.ofUnit(db, id, scope).chain(as -> units.resourcesOf(db, id).map(rs ->
                    new CobuildViews.CobuildUnitView(u.id(), u.name(), u.kind(), u.creditCode(), u.address(),
                            u.contactName(), mask(u.contactPhoneEnc()), u.contactUserId(), u.version(), u.createdAt(),
                            as.stream().map(a -> agreementView(a, term)).toList(), rs)));
        });
    }

    String mask(byte[] phoneEnc) {
        return PersonalData.maskPhone(personalData.decrypt(phoneEnc));
    }

    /** A community node in the actor's scope: 404 when it is not in scope, 400 when it is not a community. */
    Uni<Region> community(Actor actor, long communityId) {
        return regions.findWithin(communityId, actor.scopePath()).map(node -> {
            if (node == null) {
                throw new NotFound("COMMUNITY_NOT_FOUND", "社区不存在或不在辖区内：" + communityId,
                        "No such community in your scope: " + communityId);
            }
            if (node.level() != RegionLevel.COMMUNITY) {
                throw DomainException.badRequest("BAD_COMMUNITY", "communityId 应为社区：" + communityId,
                        "communityId must be a community: " + communityId);
            }
            return node;
        });
    }

    static void checkDates(LocalDate signedOn, LocalDate validUntil) {
        CobuildDates.check("signedOn", signedOn);
        CobuildDates.check("validUntil", validUntil);
        if (validUntil.isBefore(signedOn)) {
            throw DomainException.badRequest("AGREEMENT_DATES", "有效期至（validUntil）不能早于签约日期（signedOn）",
                    "validUntil cannot be before signedOn");
        }
    }

    private static Throwable constraint(Throwable t) {
        PgException e = (PgException) t;
        if ("23505".equals(e.getSqlState()) && UnitRepository.CREDIT_CODE_UNIQUE.equals(e.getConstraint())) {
            return new Conflict("UNIT_EXISTS", "该统一社会信用代码的单位已登记；与其他社区签约请由共同的上级管理员添加协议",
                    "A unit with this credit code exists");
        }
        if ("23505".equals(e.getSqlState()) && AgreementRepository.ONCE.equals(e.getConstraint())) {
            return new Conflict("AGREEMENT_EXISTS", "该单位已与该社区签有共建协议，请续签或修改原协议",
                    "The unit has an agreement with this community already");
        }
        return t;
    }

    static StaleVersion stale(String what) {
        return new StaleVersion(what + "信息已被他人修改，请刷新后重试", "It changed since you read it; reload and retry");
    }

    static NotFound notFound(long id) {
        return new NotFound("COBUILD_UNIT_NOT_FOUND", "共建单位不存在或无权访问：" + id, "Co-building unit not found: " + id);
    }

    static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
