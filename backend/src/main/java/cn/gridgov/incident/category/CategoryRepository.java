package cn.gridgov.incident.category;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Queries on incident categories. */
@ApplicationScoped
public class CategoryRepository implements PanacheRepository<Category> {

    public Uni<Category> findByCode(String code) {
        return find("code", code).firstResult();
    }

    public Uni<List<Category>> allOrdered() {
        return list("order by sortOrder, code");
    }
}
