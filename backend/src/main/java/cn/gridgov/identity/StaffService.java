package cn.gridgov.identity;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.common.error.NotAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Staff accounts: created and changed by admins within their own subtree, with roles no higher than
 * their own, each bound to one node whose level fits the roles. Everything outside the admin's scope
 * answers "not found".
 */
@ApplicationScoped
public class StaffService {

    private final Pool pool;
    private final UserRepository users;
    private final StaffRepository staff;
    private final RegionRepository regions;
    private final GridDutyRepository duties;
    private final PasswordHasher passwords;
    private final PersonalData personalData;
    private final Sessions sessions;

    public StaffService(Pool pool, UserRepository users, StaffRepository staff, RegionRepository regions,
                        GridDutyRepository duties, PasswordHasher passwords, PersonalData personalData,
                        Sessions sessions) {
        this.pool = pool;
        this.users = users;
        this.staff = staff;
        this.regions = regions;
        this.duties = duties;
        this.passwords = passwords;
        this.personalData = personalData;
        this.sessions = sessions;
    }

    /** Creates an account on a node in the admin's subtree. */
    public Uni<StaffView> create(Actor admin, StaffRequests.Create req) {
        Set<String> roles = checkRoles(admin, req.roles());
        return regions.findWithin(req.regionId(), admin.scopePath())
                .onItem().ifNull().failWith(() -> DomainException.notFound("region", "区域", req.regionId()))
                .flatMap(region -> {
                    checkLevel(roles, region.level());
                    return createAccount(req.username(), req.password(), req.displayName(), region.id(),
                            region.level(), roles, req.phone(), admin.userId());
                })
                .flatMap(id -> get(admin, id));
    }

    /**
     * Creates an account without an admin (bootstrap and demo data); the caller has checked the rules.
     * Returns the new user id.
     */
    public Uni<Long> createAccount(String username, String password, String displayName, long regionId,
                                   RegionLevel regionLevel, Set<String> roles, String phone, Long createdBy) {
        String name = username.toLowerCase(Locale.ROOT);
        return staff.findByUsername(pool, name)
                .invoke(existing -> {
                    if (existing.isPresent()) {
                        throw usernameTaken(name);
                    }
                })
                .chain(() -> passwords.hash(password))
                .flatMap(hash -> pool.withTransaction(db -> users.insertStaffUser(db, displayName,
                                phone == null ? null : personalData.encrypt(phone),
                                phone == null ? null : personalData.searchHash(phone))
                        .call(id -> staff.insert(db, id, name, hash, regionId, roles, createdBy))
                        .call(id -> assignDuties(db, id, regionId, regionLevel, roles))))
                .onFailure(PgException.class).transform(e -> isUsernameTaken((PgException) e) ? usernameTaken(name) : e);
    }

    /** A concurrent create took the name first: the unique constraint on the username (23505) refused ours. */
    private static boolean isUsernameTaken(PgException e) {
        return "23505".equals(e.getSqlState()) && StaffRepository.USERNAME_UNIQUE.equals(e.getConstraint());
    }

    /** Accounts in the admin's subtree (optionally under {@code regionId}), paged by id. */
    public Uni<CursorPage<StaffView>> list(Actor admin, Long regionId, Long afterId, int limit) {
        return staff.listInScope(pool, admin.scopePath(), regionId, afterId == null ? 0 : afterId, limit + 1)
                .map(list -> CursorPage.of(list.stream().map(this::view).toList(), limit, StaffView::id));
    }

    public Uni<StaffView> get(Actor admin, long id) {
        return find(admin, id).map(this::view);
    }

    /** Changes an account; role changes, disabling and new passwords end its sessions. */
    public Uni<StaffView> update(Actor admin, long id, StaffRequests.Update req) {
        return find(admin, id).flatMap(account -> {
            if (Role.highestRank(account.roles()) > admin.rank()) {
                throw new NotAllowed("ROLE_NOT_GRANTABLE", "无权修改更高级别的账号",
                        "You cannot change an account that ranks above yours");
            }
            Set<String> roles = req.roles() == null ? account.roles() : checkRoles(admin, req.roles());
            checkLevel(roles, account.regionLevel());
            boolean active = req.active() == null ? account.active() : req.active();
            boolean accessChanged = !roles.equals(account.roles()) || active != account.active();
            if (accessChanged && id == admin.userId()) {
                throw DomainException.conflict("OWN_ACCESS_UNCHANGEABLE", "不能修改自己的角色或停用自己",
                        "You cannot change your own roles or disable yourself");
            }
            Uni<String> hash = req.password() == null ? Uni.createFrom().nullItem() : passwords.hash(req.password());
            return hash.flatMap(h -> pool.withTransaction(db -> staff.update(db, id, roles, active, h,
                                    req.displayName() == null ? account.displayName() : req.displayName())
                            .chain(() -> duties.removeOtherDuties(db, id, new ArrayList<>(roles)))
                            .chain(() -> assignDuties(db, id, account.regionId(), account.regionLevel(), roles))
                            .chain(() -> accessChanged || h != null ? sessions.endAll(db, id)
                                    : Uni.createFrom().voidItem())))
                    .chain(() -> get(admin, id));
        });
    }

    /** The full phone number of an account in the caller's subtree; the reveal is audited. */
    public Uni<String> revealPhone(Actor actor, long id, String reason, PersonalDataAccess access) {
        return find(actor, id).flatMap(account -> access.revealPhone(actor, account.userId(), reason));
    }

    /** The responsible people for a node in the caller's subtree: the nearest node up with staff on duty. */
    public Uni<List<GridDuty>> responsibleFor(Actor actor, long regionId, String duty) {
        return regions.findWithin(regionId, actor.scopePath())
                .onItem().ifNull().failWith(() -> DomainException.notFound("region", "区域", regionId))
                .flatMap(region -> duties.responsibleFor(pool, region.id(), duty));
    }

    Uni<StaffAccount> find(Actor admin, long id) {
        return staff.findInScope(pool, id, admin.scopePath())
                .map(a -> a.orElseThrow(() -> DomainException.notFound("staff", "人员", id)));
    }

    private StaffView view(StaffAccount a) {
        return StaffView.of(a, a.phoneEnc() == null ? null : PersonalData.maskPhone(personalData.decrypt(a.phoneEnc())));
    }

    private Uni<Void> assignDuties(SqlClient db, long userId, long regionId, RegionLevel level, Set<String> roles) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String role : roles) {
            String duty = GridDuty.dutyOf(role, level);
            if (duty != null) {
                chain = chain.chain(() -> duties.assign(db, regionId, userId, duty));
            }
        }
        return chain;
    }

    private static Set<String> checkRoles(Actor admin, Set<String> requested) {
        Set<String> roles = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (String role : requested) {
            String r = role.trim().toUpperCase(Locale.ROOT);
            if (!Role.STAFF_ROLES.contains(r)) {
                errors.add(new FieldError("roles", "未知角色：" + role));
            }
            roles.add(r);
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("请求参数有误", "Unknown role", errors);
        }
        Optional<String> tooHigh = roles.stream().filter(r -> Role.rank(r) > admin.rank()).findFirst();
        if (tooHigh.isPresent()) {
            throw new NotAllowed("ROLE_NOT_GRANTABLE", "无权授予高于自己级别的角色：" + tooHigh.get(),
                    "You cannot grant a role above your own: " + tooHigh.get());
        }
        return roles;
    }

    private static void checkLevel(Set<String> roles, RegionLevel level) {
        for (String role : roles) {
            if (!RoleLevels.levelsFor(role).contains(level)) {
                throw DomainException.badRequest("ROLE_LEVEL_MISMATCH",
                        "角色 " + role + " 不能绑定到该级别的区域（" + level + "）",
                        "Role " + role + " cannot be bound to a " + level + " node");
            }
        }
    }

    private static DomainException usernameTaken(String name) {
        return DomainException.conflict("USERNAME_TAKEN", "用户名已被使用：" + name, "Username already taken: " + name);
    }
}
