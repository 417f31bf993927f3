package cn.gridgov.people.person;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.security.Actor;
import cn.gridgov.identity.personal.PersonalDataAccess;
import cn.gridgov.party.member.PartyMemberRepository;
import cn.gridgov.people.house.HouseService;
import cn.gridgov.people.house.HouseholdAccess;
import cn.gridgov.people.person.PersonRepository.PersonRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * People (实有人口): staff add and edit the people of households in their scope; the resident who claimed a
 * household corrects its people (not their key-group tags or links). ID numbers and phones are stored encrypted,
 * found by exact value through the keyed hash, always answered masked, and shown in full only to leaders, audited.
 */
@ApplicationScoped
public class PersonService {

    /** The audit log's name for a person record. */
    public static final String AUDIT_SUBJECT = "person";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int SEARCH_LIMIT = 50;

    private final Pool pool;
    private final PersonRepository people;
    private final PersonViews views;
    private final HouseholdAccess access;
    private final PartyMemberRepository partyMembers;
    private final PersonalDataAccess personalData;
    private final Clock clock;

    public PersonService(Pool pool, PersonRepository people, PersonViews views, HouseholdAccess access,
                         PartyMemberRepository partyMembers, PersonalDataAccess personalData, Clock clock) {
        this.pool = pool;
        this.people = people;
        this.views = views;
        this.access = access;
        this.partyMembers = partyMembers;
        this.personalData = personalData;
        this.clock = clock;
    }

    /** Today in Beijing: no ID number is born after it. */
    public LocalDate today() {
        return clock.instant().atZone(BEIJING).toLocalDate();
    }

    public Uni<PersonView> add(Actor actor, long householdId, PersonRequest request) {
        PersonCheck.Draft draft = checked(request, actor);
        return access.visible(pool, actor, householdId)
                .chain(h -> partyMemberVisible(actor, draft.partyMemberId()))
                .chain(() -> pool.withTransaction(tx -> idNumberFree(tx, draft, null)
                        .chain(() -> people.insert(tx, householdId, views.seal(draft), writer(actor)))))
                .onFailure(PgException.class).transform(PersonService::idNumberRace)
                .chain(id -> people.find(pool, id, null)).map(p -> views.view(p.orElseThrow()));
    }

    public Uni<PersonView> update(Actor actor, long id, PersonRequest request) {
        PersonCheck.Draft draft = checked(request, actor);
        int version = requiredVersion(request.version());
        boolean resident = !actor.isStaff();
        return visible(actor, id)
                .chain(existing -> (resident ? Uni.createFrom().voidItem() : partyMemberVisible(actor, draft.partyMemberId()))
                        .chain(() -> pool.withTransaction(tx -> idNumberFree(tx, draft, id)
                                .chain(() -> people.update(tx, id, views.seal(draft), version, writer(actor), resident)))))
                .onFailure(PgException.class).transform(PersonService::idNumberRace)
                .chain(updated -> {
                    if (!updated) {
                        throw HouseService.stale("人员信息");
                    }
                    return people.find(pool, id, null).map(p -> views.view(p.orElseThrow()));
                });
    }

    public Uni<Void> delete(Actor actor, long id, int version) {
        return visible(actor, id).chain(p -> pool.withTransaction(tx -> people.delete(tx, id, version)))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw HouseService.stale("人员信息");
                    }
                }).replaceWithVoid();
    }

    public Uni<PersonView> get(Actor actor, long id) {
        return visible(actor, id).map(views::view);
    }

    /** The people in the actor's scope with exactly this ID number or phone (one of them given). */
    public Uni<List<PersonView>> search(Actor actor, String idNumber, String phone) {
        String scope = HouseholdAccess.staffScope(actor, "Person", "人员", "");
        boolean byId = idNumber != null && !idNumber.isBlank();
        boolean byPhone = phone != null && !phone.isBlank();
        if (byId == byPhone) {
            throw DomainException.badRequest("PERSON_SEARCH_ONE_KEY", "请只按身份证号或只按手机号查找（二者选一）",
                    "Search by exactly one of idNumber and phone");
        }
        String key = byId ? idNumber.strip().toUpperCase(java.util.Locale.ROOT) : phone.replace(" ", "").strip();
        return people.byHash(pool, byId, views.hash(key), scope, SEARCH_LIMIT)
                .map(rows -> rows.stream().map(views::view).toList());
    }

    /** A person's ID number ({@code idNumber}) or phone in full, for leaders in scope; audited. */
    public Uni<String> reveal(Actor actor, long id, boolean idNumber, String reason) {
        if (!PersonalDataAccess.mayReveal(actor)) {
            return Uni.createFrom().failure(PersonalDataAccess.notAllowed());
        }
        return visible(actor, id).chain(p -> {
            byte[] stored = idNumber ? p.idNumberEnc() : p.phoneEnc();
            if (stored == null) {
                throw new cn.gridgov.common.error.NotFound(idNumber ? "ID_NUMBER_NOT_SET" : "PHONE_NOT_SET",
                        idNumber ? "该人员未登记身份证号" : "该人员未登记电话", "Not recorded for this person");
            }
            return pool.withTransaction(tx -> personalData.revealStored(tx, actor, stored, AUDIT_SUBJECT, id,
                    idNumber ? "id_number" : "phone", reason));
        });
    }

    /** The person if the actor may see their household (staff in scope, or the resident who claimed it). */
    Uni<PersonRow> visible(Actor actor, long id) {
        Uni<java.util.Optional<PersonRow>> found = actor.isStaff()
                ? (actor.scopePath() == null ? Uni.createFrom().item(java.util.Optional.empty())
                : people.find(pool, id, actor.scopePath()))
                : people.find(pool, id, null).chain(p -> p.isEmpty() ? Uni.createFrom().item(p)
                : access.visible(pool, actor, p.get().householdId()).map(h -> p)
                .onFailure(cn.gridgov.common.error.NotFound.class).recoverWithItem(java.util.Optional.empty()));
        return found.map(p -> p.orElseThrow(() -> DomainException.notFound("Person", "人员", id)));
    }

    private PersonCheck.Draft checked(PersonRequest request, Actor actor) {
        PersonCheck.Result result = PersonCheck.check(request, today());
        if (!result.problems().isEmpty()) {
            throw invalid(result.problems());
        }
        PersonCheck.Draft d = result.draft();
        return actor.isStaff() ? d : new PersonCheck.Draft(d.name(), d.idNumber(), d.phone(), d.relation(), List.of(), null, null);
    }

    /** The 400 of a person's field problems: the first in the detail, all in {@code errors}. */
    public static DomainException invalid(List<PersonCheck.Problem> problems) {
        return DomainException.invalid("人员信息有误：" + problems.get(0).zh(), "Invalid person: " + problems.get(0).en(),
                problems.stream().map(p -> new FieldError(p.field(), p.zh())).toList());
    }

    private Uni<Void> partyMemberVisible(Actor actor, Long memberId) {
        if (memberId == null) {
            return Uni.createFrom().voidItem();
        }
        return partyMembers.visible(pool, memberId, actor.scopePath()).invoke(visible -> {
            if (!visible) {
                throw DomainException.invalid("关联的党员不存在或不在辖区内：" + memberId, "No such Party member in your area",
                        List.of(new FieldError("partyMemberId", "党员不存在或不在辖区内")));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> idNumberFree(SqlClient tx, PersonCheck.Draft draft, Long exceptId) {
        if (draft.idNumber() == null) {
            return Uni.createFrom().voidItem();
        }
        return people.idNumbersTaken(tx, List.of(views.hash(draft.idNumber().value())), exceptId).invoke(taken -> {
            if (!taken.isEmpty()) {
                throw idNumberTaken();
            }
        }).replaceWithVoid();
    }

    static PersonRepository.Writer writer(Actor actor) {
        return new PersonRepository.Writer(actor.userId(), actor.isStaff() ? "STAFF" : "RESIDENT");
    }

    /** A concurrent write registered the ID number first. */
    static Throwable idNumberRace(Throwable e) {
        PgException pg = (PgException) e;
        return "23505".equals(pg.getSqlState()) && PersonRepository.ID_NUMBER_UNIQUE.equals(pg.getConstraint())
                ? idNumberTaken() : e;
    }

    public static DomainException idNumberTaken() {
        return new Conflict("PERSON_ID_NUMBER_TAKEN", "该身份证号已登记在本县的其他住户中", "This ID number is already registered");
    }

    private static int requiredVersion(Integer version) {
        if (version == null) {
            throw DomainException.invalid("修改须带上读取时的版本号 version", "version is required",
                    List.of(new FieldError("version", "必填")));
        }
        return version;
    }
}
