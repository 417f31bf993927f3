package cn.gridgov.department;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

/** Queries on departments. */
@ApplicationScoped
public class DepartmentRepository implements PanacheRepository<Department> {

    public Uni<Department> findByCode(String code) {
        return find("code", code).firstResult();
    }

    public Uni<List<Department>> byCodes(Collection<String> codes) {
        return list("code in ?1", codes);
    }

    public Uni<List<Department>> allOrdered() {
        return list("order by kind, code");
    }
}
