package cn.gridgov.department;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.security.Actor;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Departments: read by every staff member, maintained by county admins. */
@ApplicationScoped
public class DepartmentService {

    private final DepartmentRepository repository;
    private final RegionRepository regions;
    private final Clock clock;

    public DepartmentService(DepartmentRepository repository, RegionRepository regions, Clock clock) {
        this.repository = repository;
        this.regions = regions;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<DepartmentView>> list(boolean includeInactive) {
        return repository.allOrdered().map(all -> all.stream().filter(d -> includeInactive || d.active)
                .map(DepartmentView::of).toList());
    }

    @WithSession
    public Uni<DepartmentView> get(long id) {
        return find(id).map(DepartmentView::of);
    }

    @WithTransaction
    public Uni<DepartmentView> create(DepartmentInput input) {
        if (input.code() == null) {
            throw DomainException.badRequest("DEPARTMENT_CODE_REQUIRED", "缺少部门编码 code", "code is required");
        }
        return checkParent(input).chain(() -> repository.findByCode(input.code())).chain(existing -> {
            if (existing != null) {
                throw DomainException.conflict("DEPARTMENT_CODE_TAKEN", "部门编码已存在：" + input.code(),
                        "Department code already exists: " + input.code());
            }
            Department d = new Department();
            d.code = input.code();
            d.createdAt = clock.instant();
            apply(d, input);
            return repository.persist(d);
        }).map(DepartmentView::of);
    }

    @WithTransaction
    public Uni<DepartmentView> update(long id, DepartmentInput input) {
        if (input.version() == null) {
            throw DomainException.badRequest("VERSION_REQUIRED", "缺少 version（当前版本号）", "version is required");
        }
        return find(id).chain(d -> {
            if (d.version != input.version()) {
                throw new StaleVersion("部门已被他人修改，请刷新后重试", "The department changed meanwhile; reload and retry");
            }
            if (input.code() != null && !input.code().equals(d.code)) {
                throw DomainException.badRequest("DEPARTMENT_CODE_FIXED", "部门编码创建后不可修改",
                        "A department's code cannot change");
            }
            if (Objects.equals(input.parentId(), d.id)) {
                throw DomainException.badRequest("DEPARTMENT_PARENT_INVALID", "上级部门不能是自己",
                        "A department cannot be its own parent");
            }
            return checkParent(input).map(x -> {
                apply(d, input);
                return d;
            });
        }).call(repository::flush).map(DepartmentView::of);
    }

    private void apply(Department d, DepartmentInput input) {
        d.name = input.name().trim();
        d.kind = input.kind();
        d.townId = input.townId();
        d.parentId = input.parentId();
        if (input.active() != null) {
            d.active = input.active();
        }
        d.updatedAt = clock.instant();
    }

    /**
     * A station lies in a town (a TOWN node in the admin's scope), nothing else does. Checked before the
     * department's transaction: the region tree is read through its own repository (the SQL client).
     */
    public Uni<Void> checkTown(Actor admin, DepartmentInput input) {
        boolean station = input.kind() == DepartmentKind.STATION;
        if (station != (input.townId() != null)) {
            throw DomainException.badRequest("DEPARTMENT_TOWN_INVALID",
                    station ? "站所（STATION）须填写所在乡镇 townId" : "只有站所（STATION）可以填写 townId",
                    station ? "A station needs its townId" : "Only a station has a townId");
        }
        if (!station) {
            return Uni.createFrom().voidItem();
        }
        return regions.findWithin(input.townId(), admin.scopePath()).map(town -> {
            if (town == null || town.level() != RegionLevel.TOWN) {
                throw DomainException.badRequest("DEPARTMENT_TOWN_INVALID", "townId 须为辖区内的乡镇（TOWN）节点："
                        + input.townId(), "townId must be a TOWN node in your scope: " + input.townId());
            }
            return null;
        });
    }

    /** A parent is an existing department. */
    private Uni<Void> checkParent(DepartmentInput input) {
        if (input.parentId() == null) {
            return Uni.createFrom().voidItem();
        }
        return repository.findById(input.parentId()).map(parent -> {
            if (parent == null) {
                throw DomainException.badRequest("DEPARTMENT_PARENT_INVALID", "上级部门不存在：" + input.parentId(),
                        "No such parent department: " + input.parentId());
            }
            return null;
        });
    }

    private Uni<Department> find(long id) {
        return repository.findById(id).map(d -> {
            if (d == null) {
                throw DomainException.notFound("department", "部门", id);
            }
            return d;
        });
    }
}
