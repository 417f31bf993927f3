package cn.gridgov.department;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The responsibility list (权责清单): per category one lead department and its supporters, with the legal basis
 * and the response deadline of a call; read by every staff member, edited by county admins, every version kept
 * with who changed it and when.
 */
@ApplicationScoped
public class ResponsibilityService {

    /** A call's response deadline when the list says nothing else: 2 working hours. */
    public static final int DEFAULT_RESPONSE_HOURS = 2;

    static final String LEAD = "LEAD";
    static final String SUPPORT = "SUPPORT";

    private final Pool pool;
    private final ResponsibilityRepository repository;
    private final Clock clock;

    public ResponsibilityService(Pool pool, ResponsibilityRepository repository, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.clock = clock;
    }

    public Uni<List<ResponsibilityView>> all() {
        return repository.all(pool);
    }

    /** The current entry of the category; 404 when the category has none. */
    public Uni<ResponsibilityView> get(String categoryCode) {
        return category(categoryCode).chain(c -> repository.current(pool, c.id())).map(view -> {
            if (view == null) {
                throw DomainException.notFound("responsibility", "该分类的权责清单", categoryCode);
            }
            return view;
        });
    }

    /** The category's entry or null, for the whistle's proposal. */
    public Uni<ResponsibilityView> proposal(long categoryId) {
        return repository.current(pool, categoryId);
    }

    /** Every version of the category's entry, newest first. */
    public Uni<List<ResponsibilityView>> versions(String categoryCode) {
        return category(categoryCode).chain(c -> repository.versions(pool, c.id()));
    }

    /** Writes a new version of the category's entry: exactly one lead, known active departments, each once. */
    public Uni<ResponsibilityView> put(Actor admin, String categoryCode, ResponsibilityInput input) {
        Long lead = null;
        List<Long> supporting = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        int leads = 0;
        for (ResponsibilityInput.Member m : input.departments()) {
            String role = m.role().trim().toUpperCase(Locale.ROOT);
            if (!seen.add(m.departmentId())) {
                throw DomainException.badRequest("RESPONSIBILITY_DEPARTMENT_REPEATED",
                        "同一部门在清单中只能出现一次：" + m.departmentId(), "A department appears twice: " + m.departmentId());
            }
            if (LEAD.equals(role)) {
                leads++;
                lead = m.departmentId();
            } else if (SUPPORT.equals(role)) {
                supporting.add(m.departmentId());
            } else {
                throw DomainException.badRequest("RESPONSIBILITY_ROLE_UNKNOWN", "部门职责只能是 LEAD（牵头）或 SUPPORT（配合）："
                        + m.role(), "A department's role is LEAD or SUPPORT: " + m.role());
            }
        }
        if (leads != 1) {
            throw DomainException.badRequest("RESPONSIBILITY_ONE_LEAD",
                    "每个分类必须有且只有一个牵头部门（本次为 " + leads + " 个），一事一主责、不交叉",
                    "Each category has exactly one lead department (got " + leads + ")");
        }
        long leadId = lead;
        int hours = input.responseHours() == null ? DEFAULT_RESPONSE_HOURS : input.responseHours();
        return category(categoryCode).chain(c -> pool.withTransaction(tx -> repository.lockedVersion(tx, c.id())
                        .chain(current -> {
                            int read = input.version() == null ? 0 : input.version();
                            if (read != current) {
                                throw new StaleVersion("权责清单已被他人修改（当前版本 " + current + "），请刷新后重试",
                                        "The entry changed meanwhile (now version " + current + "); reload and retry");
                            }
                            return repository.activeDepartments(tx, seen).chain(active -> {
                                List<Long> unknown = seen.stream().filter(id -> !active.contains(id)).toList();
                                if (!unknown.isEmpty()) {
                                    throw DomainException.badRequest("DEPARTMENT_UNKNOWN",
                                            "部门不存在或已停用：" + unknown, "Unknown or inactive departments: " + unknown);
                                }
                                return repository.write(tx, c.id(), leadId, supporting, input.legalBasis().trim(), hours,
                                        current + 1, admin.userId(), clock.instant());
                            });
                        })
                        .chain(() -> repository.current(tx, c.id()))));
    }

    private Uni<ResponsibilityRepository.CategoryRef> category(String code) {
        return repository.category(pool, code).map(c -> {
            if (c == null) {
                throw DomainException.notFound("category", "分类", code);
            }
            return c;
        });
    }
}
