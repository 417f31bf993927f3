package cn.gridgov.incident.category;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.incident.deadline.DeadlineUnit;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The category tree: read by everyone, maintained by the county. */
@ApplicationScoped
public class CategoryService {

    private static final int MAX_WORKING_DAYS = 90;

    private final CategoryRepository repository;
    private final CategoryCache cache;
    private final Clock clock;

    public CategoryService(CategoryRepository repository, CategoryCache cache, Clock clock) {
        this.repository = repository;
        this.cache = cache;
        this.clock = clock;
    }

    /** Groups with their categories; inactive ones (and everything under an inactive group) only on request. */
    @WithSession
    public Uni<List<CategoryView>> tree(boolean includeInactive) {
        return repository.allOrdered().map(all -> {
            Map<Long, Category> byId = all.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
            Map<Long, List<CategoryView>> children = new LinkedHashMap<>();
            for (Category c : all) {
                if (!c.isGroup() && (includeInactive || c.active)) {
                    children.computeIfAbsent(c.parentId, k -> new ArrayList<>())
                            .add(CategoryView.of(c, byId.get(c.parentId).code, List.of()));
                }
            }
            List<CategoryView> groups = new ArrayList<>();
            for (Category g : all) {
                if (g.isGroup() && (includeInactive || g.active)) {
                    groups.add(CategoryView.of(g, null, children.getOrDefault(g.id, List.of())));
                }
            }
            return groups;
        });
    }

    /**
     * The active category (not a group, under an active group) incidents may be reported under; read from the
     * {@link CategoryCache} (reports read it every time).
     */
    public Uni<Category> reportable(String code) {
        String wanted = code == null ? "" : code.trim();
        return cache.tree().map(tree -> {
            Category c = tree.byCode().get(wanted);
            if (c == null || c.isGroup() || !c.active) {
                throw notReportable(code);
            }
            Category group = tree.byId().get(c.parentId);
            if (group == null || !group.active) {
                throw notReportable(code);
            }
            return c;
        });
    }

    @WithTransaction
    public Uni<CategoryView> create(CategoryInput input) {
        if (input.code() == null) {
            throw DomainException.badRequest("CATEGORY_CODE_REQUIRED", "缺少分类编码 code", "code is required");
        }
        checkDeadline(input);
        return repository.findByCode(input.code()).chain(existing -> {
            if (existing != null) {
                throw DomainException.conflict("CATEGORY_CODE_TAKEN", "分类编码已存在：" + input.code(),
                        "Category code already exists: " + input.code());
            }
            return input.parentCode() == null || input.parentCode().isBlank() ? Uni.createFrom().nullItem()
                    : repository.findByCode(input.parentCode().trim());
        }).chain(parent -> {
            if (input.parentCode() != null && !input.parentCode().isBlank()) {
                if (parent == null || !parent.isGroup()) {
                    throw DomainException.badRequest("CATEGORY_PARENT_INVALID",
                            "上级分类不存在或不是大类：" + input.parentCode(),
                            "The parent must be an existing top-level group: " + input.parentCode());
                }
                if (!input.code().startsWith(parent.code)) {
                    throw DomainException.badRequest("CATEGORY_CODE_PREFIX",
                            "小类编码应以大类编码 " + parent.code + " 开头", "The code must start with " + parent.code);
                }
            }
            Category c = new Category();
            c.code = input.code();
            c.parentId = parent == null ? null : parent.id;
            apply(c, input);
            c.createdAt = clock.instant();
            c.updatedAt = c.createdAt;
            return repository.persistAndFlush(c).invoke(cache::invalidate).map(saved -> CategoryView.of(saved,
                    parent == null ? null : parent.code, List.of()));
        });
    }

    @WithTransaction
    public Uni<CategoryView> update(String code, CategoryInput input) {
        checkDeadline(input);
        return existing(code).chain(c -> {
            if (input.version() != null && input.version() != c.version) {
                throw staleVersion(code);
            }
            apply(c, input);
            c.updatedAt = clock.instant();
            return repository.flush().invoke(cache::invalidate).chain(() -> view(c));
        });
    }

    @WithTransaction
    public Uni<CategoryView> setActive(String code, boolean active) {
        return existing(code).chain(c -> {
            c.active = active;
            c.updatedAt = clock.instant();
            return repository.flush().invoke(cache::invalidate).chain(() -> view(c));
        });
    }

    private Uni<CategoryView> view(Category c) {
        if (c.isGroup()) {
            return Uni.createFrom().item(CategoryView.of(c, null, List.of()));
        }
        return repository.findById(c.parentId).map(p -> CategoryView.of(c, p.code, List.of()));
    }

    private Uni<Category> existing(String code) {
        return repository.findByCode(code).map(c -> {
            if (c == null) {
                throw DomainException.notFound("category", "分类", code);
            }
            return c;
        });
    }

    private static void apply(Category c, CategoryInput input) {
        c.name = input.name().trim();
        c.handlingLevel = input.handlingLevel();
        c.deadlineAmount = input.deadlineAmount();
        c.deadlineUnit = input.deadlineUnit();
        if (input.sortOrder() != null) {
            c.sortOrder = input.sortOrder();
        }
    }

    private static void checkDeadline(CategoryInput input) {
        if (input.deadlineUnit() == DeadlineUnit.WORKING_DAYS && input.deadlineAmount() > MAX_WORKING_DAYS) {
            throw DomainException.badRequest("CATEGORY_DEADLINE_TOO_LONG",
                    "办理时限不能超过 " + MAX_WORKING_DAYS + " 个工作日", "A deadline may not exceed 90 working days");
        }
    }

    private static DomainException notReportable(String code) {
        return DomainException.badRequest("CATEGORY_NOT_REPORTABLE", "事件分类不存在或已停用：" + code,
                "No active category with this code: " + code);
    }

    static DomainException staleVersion(String code) {
        return DomainException.conflict("STALE_VERSION", "分类已被他人修改，请刷新后重试：" + code,
                "The category was changed meanwhile; reload and retry: " + code);
    }
}
