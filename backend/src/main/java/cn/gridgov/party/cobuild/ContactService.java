package cn.gridgov.party.cobuild;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.security.Actor;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.wechat.WeChatClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;

/**
 * A unit's contact person in the mini program: they prove their phone with WeChat's phone button, which links them to
 * every unit that names that phone for its contact; they then see their units (all their agreements) and act for them.
 */
@ApplicationScoped
public class ContactService {

    private final Pool pool;
    private final UnitRepository units;
    private final AgreementRepository agreements;
    private final UnitService unitService;
    private final PersonalData personalData;
    private final WeChatClient wechat;
    private final Clock clock;

    public ContactService(Pool pool, UnitRepository units, AgreementRepository agreements, UnitService unitService,
                          PersonalData personalData, WeChatClient wechat, Clock clock) {
        this.pool = pool;
        this.units = units;
        this.agreements = agreements;
        this.unitService = unitService;
        this.personalData = personalData;
        this.wechat = wechat;
        this.clock = clock;
    }

    /** Links the caller to the units naming the phone behind {@code phoneCode}; answers all the caller's units. */
    public Uni<List<CobuildViews.CobuildUnitView>> link(Actor actor, CobuildRequests.CobuildContactLink body) {
        return wechat.phoneNumber(body.phoneCode().trim()).chain(phone -> {
            byte[] hash = personalData.searchHash(phone.purePhoneNumber());
            return pool.withTransaction(tx -> units.countByContactPhone(tx, hash).chain(named -> {
                if (named == 0) {
                    throw new NotFound("COBUILD_CONTACT_NOT_FOUND", "没有以该手机号登记为联系人的共建单位，请联系社区核对",
                            "No co-building unit names this phone for its contact");
                }
                return units.linkContact(tx, hash, actor.userId(), clock.instant());
            }));
        }).chain(() -> mine(actor)).map(mine -> {
            if (mine.isEmpty()) {
                throw new Conflict("CONTACT_TAKEN", "该手机号的共建单位联系人已由其他微信用户关联",
                        "Another user is linked as this unit's contact");
            }
            return mine;
        });
    }

    /** The units the caller is the contact of, each with all its agreements and resources. */
    public Uni<List<CobuildViews.CobuildUnitView>> mine(Actor actor) {
        return units.ofContact(pool, actor.userId()).chain(rows -> rows.isEmpty() ? Uni.createFrom().item(List.of())
                : Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(u -> unitService.view(pool, u.id(), null))
                .collect().asList());
    }

    /**
     * Whether {@code userId} may act for unit {@code unitId} in community {@code communityId} (a volunteer task's place
     * claimed for the unit): they are the unit's linked contact, and its agreement with that community is in force.
     */
    public Uni<Boolean> mayActFor(SqlClient db, long userId, long unitId, long communityId) {
        AgreementTerm term = unitService.term();
        return units.ofContact(db, userId).chain(mine -> mine.stream().noneMatch(u -> u.id() == unitId)
                ? Uni.createFrom().item(false)
                : agreements.between(db, unitId, communityId).map(agreement -> agreement
                        .filter(a -> term.inForce(a.status(), a.signedOn(), a.validUntil())).isPresent()));
    }
}
