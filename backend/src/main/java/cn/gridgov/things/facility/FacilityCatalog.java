package cn.gridgov.things.facility;

import cn.gridgov.department.Department;
import cn.gridgov.department.DepartmentRepository;
import cn.gridgov.incident.category.CategoryService;
import cn.gridgov.incident.category.CategoryView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a facility refers to in other domains, read through their services: the categories a facility's type may
 * be (active ones, groups excluded) and the departments that may own it. Small tables, read once per request.
 */
@ApplicationScoped
public class FacilityCatalog {

    private final CategoryService categories;
    private final DepartmentRepository departments;

    public FacilityCatalog(CategoryService categories, DepartmentRepository departments) {
        this.categories = categories;
        this.departments = departments;
    }

    /** The lookups of one request. */
    public record Lookups(Map<String, String> categoryNames, Map<String, FacilityView.Department> departmentsByCode,
                          Map<Long, FacilityView.Department> departmentsById) {

        public String categoryName(String code) {
            return categoryNames.get(code);
        }

        public FacilityView.Department department(Long id) {
            return id == null ? null : departmentsById.get(id);
        }
    }

    public Uni<Lookups> load() {
        return categories.tree(false).chain(groups -> Panache.withSession(departments::allOrdered).map(depts -> {
            Map<String, String> names = new HashMap<>();
            for (CategoryView group : groups) {
                for (CategoryView c : group.children() == null ? List.<CategoryView>of() : group.children()) {
                    names.put(c.code(), c.name());
                }
            }
            Map<String, FacilityView.Department> byCode = new HashMap<>();
            Map<Long, FacilityView.Department> byId = new HashMap<>();
            for (Department d : depts) {
                FacilityView.Department view = new FacilityView.Department(d.id, d.code, d.name);
                byId.put(d.id, view);
                if (d.active) {
                    byCode.put(d.code, view);
                }
            }
            return new Lookups(names, byCode, byId);
        }));
    }
}
