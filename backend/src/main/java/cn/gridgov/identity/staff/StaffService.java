package cn.gridgov.identity.staff;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.identity.UserRepository;
import cn.gridgov.identity.auth.AuthService;
import cn.gridgov.identity.auth.BindingCodeRepository;
import cn.gridgov.identity.auth.PasswordHasher;
import cn.gridgov.identity.auth.Sessions;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.personal.PersonalDataAccess;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Staff accounts: created and changed by admins within their own subtree, with roles no higher than
 * their own, each bound to one node whose level fits the roles; credentials (password, WeChat link) only by
 * admins of strictly higher rank. Everything outside the admin's scope answers "not found", and every change
 * is written to the append-only audit log.
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
    private final AuthService auth;
    private final BindingCodeRepository bindingCodes;
    private final StaffAudit audit;

    public StaffService(Pool pool, UserRepository users, StaffRepository staff, RegionRepository regions,
                        GridDutyRepository duties, PasswordHasher passwords, PersonalData personalData,
                        Sessions sessions, AuthService auth, BindingCodeRepository bindingCodes, StaffAudit audit) {
        this.pool = pool;
        this.users = users;
        this.staff = staff;
        this.regions = regions;
        this.duties = duties;
        this.passwords = passwords;
        this.personalData = personalData;
        this.sessions = sessions;
        this.auth = auth;
        this.bindingCodes = bindingCodes;
        this.audit = audit;
    }

    /** Creates an account on a node in the admin's subtree. */
    public Uni<StaffView> create(Actor admin, StaffRequests.Create req) {
        Set<String> roles = checkRoles(admin, req.roles());
        return regions.findWithin(req.regionId(), admin.scopePath())
                .onItem().ifNull().failWith(() -> DomainException.notFound("region", "区域", req.regionId()))
                .flatMap(region -> {
                    checkLevel(roles, region.level());
                    return createAccount(req.username(), req.password(), req.displayName(), region.id(),
                            region.level(), roles, req.phone(), admin.userId(), admin.address());
                })
                .flatMap(id -> get(admin, id));
    }

    /**
     * Creates an account without an admin (bootstrap and demo data); the caller has checked the rules.
     * Returns the new user id.
     */
    public Uni<Long> createAccount(String username, String password, String displayName, long regionId,
                                   RegionLevel regionLevel, Set<String> roles, String phone, Long createdBy) {
        return createAccount(username, password, displayName, regionId, regionLevel, roles, phone, createdBy, null);
    }

    private Uni<Long> createAccount(String username, String password, String displayName, long regionId,
                                    RegionLevel regionLevel, Set<String> roles, String phone, Long createdBy,
                                    String address) {
        return newAccount(username, password, displayName, regionId, roles, phone, createdBy, address, null,
                (db, id, name, hash) -> staff.insert(db, id, name, hash, regionId, roles, createdBy)
                        .chain(() -> assignDuties(db, id, regionId, regionLevel, roles)));
    }

    /**
     * Creates a department staff account (bound to {@code departmentId}; its node {@code regionId} gives no scope) by
     * the rules of every account: a free username, the password hashed, the phone encrypted, the creation audited.
     * The department package has checked who may create it, with which roles. Returns the new user id.
     */
    public Uni<Long> createDepartmentAccount(Actor admin, String username, String password, String displayName,
                                             long regionId, long departmentId, Set<String> roles, String phone) {
        return newAccount(username, password, displayName, regionId, roles, phone, admin.userId(), admin.address(),
                departmentId, (db, id, name, hash) -> staff.insertDepartmentStaff(db, id, name, hash, regionId,
                        departmentId, roles, admin.userId()));
    }

    /** Writes the account row of a new user (and what goes with it), in the creating transaction. */
    private interface AccountRow {
        Uni<Void> insert(SqlClient db, long userId, String username, String passwordHash);
    }

    /** The one place an account is created: the username checked, the password hashed, the phone encrypted, audited. */
    private Uni<Long> newAccount(String username, String password, String displayName, long regionId,
                                 Set<String> roles, String phone, Long createdBy, String address, Long departmentId,
                                 AccountRow row) {
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
                        .call(id -> row.insert(db, id, name, hash))
                        .call(id -> {
                            JsonObject details = new JsonObject().put("username", name).put("displayName", displayName)
                                    .put("regionId", regionId).put("roles", new JsonArray(List.copyOf(roles)))
                                    .put("phoneSet", phone != null);
                            if (departmentId != null) {
                                details.put("departmentId", departmentId);
                            }
                            return audit.record(db, createdBy, StaffAudit.CREATED, id, null, details, address);
                        })))
                .onFailure(PgException.class).transform(e -> isUsernameTaken((PgException) e) ? usernameTaken(name) : e);
    }

    /**
     * Enables or disables a department staff account by the rules of every account: never one's own, disabling ends
     * its sessions, the change is audited. The department package has checked who may. 404 when it is not staff of
     * {@code departmentId}.
     */
    public Uni<Void> setDepartmentAccountActive(Actor admin, long departmentId, long userId, boolean active) {
        return staff.findByUser(pool, userId).flatMap(found -> {
            StaffAccount account = found.filter(a -> a.departmentId() != null && a.departmentId() == departmentId)
                    .orElseThrow(() -> DomainException.notFound("staff", "人员", userId));
            if (userId == admin.userId()) {
                throw DomainException.conflict("OWN_ACCESS_UNCHANGEABLE", "不能修改自己的角色或停用自己",
                        "You cannot change your own roles or disable yourself");
            }
            if (account.active() == active) {
                return Uni.createFrom().voidItem();
            }
            return pool.withTransaction(db -> staff.update(db, userId, account.roles(), active, null,
                            account.displayName())
                    .chain(() -> sessions.endAll(db, userId))
                    .chain(() -> recordUpdate(db, admin, account, account.roles(), active, account.displayName())));
        });
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

    /**
     * Changes an account; role changes, disabling and new passwords end its sessions. Only an admin who
     * oversees the account (strictly higher rank, in scope) may set its password, which also removes its WeChat
     * link and unused binding codes. Each change is one row of the audit log.
     */
    public Uni<StaffView> update(Actor admin, long id, StaffRequests.Update req) {
        return find(admin, id).flatMap(account -> {
            if (Role.highestRank(account.roles()) > admin.rank()) {
                throw new NotAllowed("ROLE_NOT_GRANTABLE", "无权修改更高级别的账号",
                        "You cannot change an account that ranks above yours");
            }
            if (req.password() != null) {
                requireOversees(admin, account);
            }
            Set<String> roles = req.roles() == null ? account.roles() : checkRoles(admin, req.roles());
            checkLevel(roles, account.regionLevel());
            boolean active = req.active() == null ? account.active() : req.active();
            boolean accessChanged = !roles.equals(account.roles()) || active != account.active();
            if (accessChanged && id == admin.userId()) {
                throw DomainException.conflict("OWN_ACCESS_UNCHANGEABLE", "不能修改自己的角色或停用自己",
                        "You cannot change your own roles or disable yourself");
            }
            String displayName = req.displayName() == null ? account.displayName() : req.displayName();
            Uni<String> hash = req.password() == null ? Uni.createFrom().nullItem() : passwords.hash(req.password());
            return hash.flatMap(h -> pool.withTransaction(db -> staff.update(db, id, roles, active, h, displayName)
                            .chain(() -> duties.removeOtherDuties(db, id, new ArrayList<>(roles)))
                            .chain(() -> assignDuties(db, id, account.regionId(), account.regionLevel(), roles))
                            .chain(() -> h != null ? resetEffects(db, admin, id)
                                    : accessChanged ? sessions.endAll(db, id) : Uni.createFrom().voidItem())
                            .chain(() -> recordUpdate(db, admin, account, roles, active, displayName))))
                    .chain(() -> get(admin, id));
        });
    }

    /** A one-time WeChat binding code for an account the admin oversees (never their own: that needs a password). */
    public Uni<AuthService.BindingCode> bindingCode(Actor admin, long id) {
        return find(admin, id).flatMap(account -> {
            requireOversees(admin, account);
            return auth.newBindingCode(id, admin);
        });
    }

    /** Removes the WeChat link of an account the admin oversees and ends its sessions. */
    public Uni<StaffView> unlinkWeChat(Actor admin, long id) {
        return find(admin, id).flatMap(account -> {
            requireOversees(admin, account);
            return pool.withTransaction(db -> auth.unlinkWeChat(db, id, admin));
        }).chain(() -> get(admin, id));
    }

    /** The staff audit log, newest first, optionally of one account; for county admins only (the resource says so). */
    public Uni<CursorPage<StaffAudit.Entry>> auditLog(Long targetId, String cursor, int limit) {
        return audit.list(pool, targetId, CursorPage.after(cursor), limit + 1)
                .map(entries -> CursorPage.of(entries, limit, StaffAudit.Entry::id));
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

    /** Acting on another's credentials needs strictly higher rank: peers cannot take each other over. */
    private static void requireOversees(Actor admin, StaffAccount account) {
        if (account.userId() == admin.userId()) {
            throw new NotAllowed("OWN_ACCOUNT_NEEDS_PASSWORD",
                    "修改自己的密码或微信绑定请使用“我的账号”功能，并输入当前密码",
                    "Change your own password or WeChat link under /api/v1/auth, with your current password");
        }
        if (!admin.oversees(account.regionPath(), Role.highestRank(account.roles()))) {
            throw new NotAllowed("ACCOUNT_NOT_SUBORDINATE",
                    "只能为级别低于自己的账号重置密码、生成绑定码或解绑微信",
                    "Only an admin of strictly higher rank may reset, bind or unbind this account");
        }
    }

    /** What a password reset by an admin also does: no WeChat link, binding code or session of before survives. */
    private Uni<Void> resetEffects(SqlClient db, Actor admin, long id) {
        return users.unlinkWeChat(db, id).flatMap(unlinked -> bindingCodes.dropUnused(db, id)
                .chain(() -> sessions.endAll(db, id))
                .chain(() -> audit.record(db, admin.userId(), StaffAudit.PASSWORD_RESET, id, null, new JsonObject()
                        .put("wechatUnlinked", unlinked).put("sessionsEnded", true), admin.address())));
    }

    private Uni<Void> recordUpdate(SqlClient db, Actor admin, StaffAccount before, Set<String> roles, boolean active,
                                   String displayName) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        long id = before.userId();
        if (!roles.equals(before.roles())) {
            chain = chain.chain(() -> audit.record(db, admin.userId(), StaffAudit.ROLES_CHANGED, id,
                    new JsonObject().put("roles", new JsonArray(List.copyOf(before.roles()))),
                    new JsonObject().put("roles", new JsonArray(List.copyOf(roles))), admin.address()));
        }
        if (active != before.active()) {
            chain = chain.chain(() -> audit.record(db, admin.userId(), active ? StaffAudit.ENABLED : StaffAudit.DISABLED,
                    id, new JsonObject().put("active", before.active()), new JsonObject().put("active", active),
                    admin.address()));
        }
        if (!Objects.equals(displayName, before.displayName())) {
            chain = chain.chain(() -> audit.record(db, admin.userId(), StaffAudit.NAME_CHANGED, id,
                    new JsonObject().put("displayName", before.displayName()),
                    new JsonObject().put("displayName", displayName), admin.address()));
        }
        return chain;
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
