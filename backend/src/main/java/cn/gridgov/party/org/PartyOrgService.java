package cn.gridgov.party.org;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.party.PartyOrgKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reading and editing the Party tree. Reads take the caller's scope; edits are for admins of the organisation's
 * node or above (the node within their scope), check the version (409 STALE_VERSION) and the four-level
 * structure ({@link PartyOrgStructure}), and append each change to the organisation's history in the same
 * transaction.
 */
@ApplicationScoped
public class PartyOrgService {

    private final Pool pool;
    private final PartyOrgRepository orgs;
    private final Clock clock;

    public PartyOrgService(Pool pool, PartyOrgRepository orgs, Clock clock) {
        this.pool = pool;
        this.orgs = orgs;
        this.clock = clock;
    }

    public Uni<PartyOrgView> get(long id, String scope) {
        return visible(pool, id, scope).map(OrgRow::view);
    }

    /** The organisation if it lies within {@code scope}; 404 PARTY_ORG_NOT_FOUND otherwise. For other party packages. */
    public Uni<OrgRow> visible(SqlClient db, long id, String scope) {
        return orgs.find(db, id, scope).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<CursorPage<PartyOrgView>> list(Long regionId, PartyOrgKind kind, String cursor, int limit, String scope) {
        Long after = CursorPage.after(cursor);
        return orgs.list(pool, regionId, kind, after == null ? 0 : after, limit + 1, scope)
                .map(rows -> CursorPage.of(rows.stream().map(OrgRow::view).toList(), limit, PartyOrgView::id));
    }

    public Uni<List<PartyOrgView>> children(long id, String scope) {
        return visible(pool, id, scope).chain(org -> orgs.children(pool, id, scope))
                .map(rows -> rows.stream().map(OrgRow::view).toList());
    }

    public Uni<CursorPage<PartyOrgChange>> history(long id, String cursor, int limit, String scope) {
        Long after = CursorPage.after(cursor);
        return visible(pool, id, scope).chain(org -> orgs.historyOf(pool, id, after == null ? 0 : after, limit + 1))
                .map(rows -> CursorPage.of(rows, limit, PartyOrgChange::id));
    }

    public Uni<PartyOrgView> create(Actor actor, PartyOrgRequests.PartyOrgCreate body) {
        PartyOrgKind kind = body.kind();
        return pool.withTransaction(tx -> (kind.leadsNode() ? createLeading(tx, actor, body) : createAcross(tx, actor, body))
                        .call(id -> orgs.find(tx, id, null).chain(created -> orgs.history(tx, id, "CREATED",
                                actor.userId(), null, snapshot(created.get()), clock.instant())))
                        .chain(id -> orgs.find(tx, id, null)).map(row -> row.get().view()))
                .onFailure(PgException.class).transform(e -> isNodeTaken((PgException) e) ? nodeTaken() : e);
    }

    private Uni<Long> createLeading(SqlClient tx, Actor actor, PartyOrgRequests.PartyOrgCreate body) {
        if (body.regionId() == null) {
            throw DomainException.badRequest("REGION_REQUIRED", PartyOrgStructure.ZH.get(body.kind()) + "须选择所领导的节点 regionId",
                    "regionId is required for " + body.kind());
        }
        if (body.coveredRegionIds() != null && !body.coveredRegionIds().isEmpty()) {
            throw DomainException.badRequest("NOT_ACROSS_NODES", "只有联合党支部、功能型党支部覆盖多个节点",
                    "Only joint and functional branches cover several nodes");
        }
        return node(tx, body.regionId(), actor).chain(node -> orgs.leaderOf(tx, node.id()).chain(existing -> {
            if (existing.isPresent()) {
                throw nodeTaken();
            }
            Uni<Optional<OrgRow>> parent = body.parentId() != null ? orgs.find(tx, body.parentId(), null)
                    : node.parentId() == null ? Uni.createFrom().item(Optional.empty()) : orgs.leaderOf(tx, node.parentId());
            return parent.chain(p -> {
                PartyOrgStructure.checkLeading(body.kind(), node, p.orElse(null));
                String name = blank(body.name()) ? body.kind().defaultName(node.name()) : body.name().trim();
                return orgs.insert(tx, body.kind(), name, node.id(), null, p.map(OrgRow::id).orElse(null),
                        trimmed(body.secretary()), trimmed(body.contact()));
            });
        }));
    }

    private Uni<Long> createAcross(SqlClient tx, Actor actor, PartyOrgRequests.PartyOrgCreate body) {
        if (body.regionId() != null) {
            throw DomainException.badRequest("NOT_LEADING_A_NODE", PartyOrgStructure.ZH.get(body.kind())
                    + "不领导单个节点：请用 coveredRegionIds 列出覆盖的小区或楼栋", body.kind() + " leads no single node");
        }
        if (body.parentId() == null) {
            throw DomainException.badRequest("PARENT_REQUIRED", PartyOrgStructure.ZH.get(body.kind()) + "须选择上级社区党委 parentId",
                    "parentId is required for " + body.kind());
        }
        if (blank(body.name())) {
            throw DomainException.badRequest("NAME_REQUIRED", "请填写组织名称", "A name is required");
        }
        List<Long> covered = body.coveredRegionIds() == null ? List.of() : body.coveredRegionIds().stream().distinct().toList();
        return orgs.find(tx, body.parentId(), actor.scopePath()).chain(parent -> {
            if (parent.isEmpty()) {
                throw notFound(body.parentId());
            }
            return orgs.nodes(tx, covered).chain(nodes -> {
                PartyOrgStructure.checkAcross(body.kind(), parent.get(), nodes, covered.size());
                return orgs.insert(tx, body.kind(), body.name().trim(), null, parent.get().view().nodeId(),
                                parent.get().id(), trimmed(body.secretary()), trimmed(body.contact()))
                        .call(id -> orgs.cover(tx, id, covered));
            });
        });
    }

    public Uni<PartyOrgView> update(Actor actor, long id, PartyOrgRequests.PartyOrgUpdate body) {
        return pool.withTransaction(tx -> editable(tx, id, actor).chain(before -> {
            PartyOrgView v = before.view();
            String name = body.name() == null ? v.name() : body.name().trim();
            if (name.isEmpty()) {
                throw DomainException.badRequest("NAME_REQUIRED", "名称不能为空", "The name cannot be empty");
            }
            String secretary = body.secretary() == null ? v.secretary() : trimmed(body.secretary());
            String contact = body.contact() == null ? v.contact() : trimmed(body.contact());
            String action = !name.equals(v.name()) && eq(secretary, v.secretary()) && eq(contact, v.contact()) ? "RENAMED"
                    : name.equals(v.name()) && !eq(secretary, v.secretary()) && eq(contact, v.contact()) ? "SECRETARY_CHANGED"
                    : "UPDATED";
            return orgs.update(tx, id, body.version(), name, secretary, contact)
                    .chain(done -> afterEdit(tx, done, actor, before, action));
        }));
    }

    public Uni<PartyOrgView> dissolve(Actor actor, long id, PartyOrgRequests.PartyOrgDissolve body) {
        return pool.withTransaction(tx -> editable(tx, id, actor).chain(before -> orgs.activeChildCount(tx, id)
                .chain(children -> {
                    if (children > 0) {
                        throw new Conflict("ORG_HAS_CHILDREN", "该组织下还有 " + children + " 个下级组织，请先撤销或合并它们",
                                "The organisation still has " + children + " organisations under it");
                    }
                    if (before.view().memberCount() > 0) {
                        throw new Conflict("ORG_HAS_MEMBERS", "该组织还有 " + before.view().memberCount()
                                + " 名党员的组织关系，请先转出或合并到其他组织", "The organisation still has members");
                    }
                    return orgs.end(tx, id, body.version(), "DISSOLVED", null);
                })
                .chain(done -> afterEdit(tx, done, actor, before, "DISSOLVED"))));
    }

    /**
     * Merges an organisation into another of the same kind under the same parent: its members, the
     * organisations under it and the nodes it covered or led pass to the other, and it ends as MERGED.
     */
    public Uni<PartyOrgView> merge(Actor actor, long id, PartyOrgRequests.PartyOrgMerge body) {
        // both held first, in order of id: a merge the other way round at the same moment waits, then finds this one
        // ended (422), instead of a deadlock; the target is then read under that lock
        return pool.withTransaction(tx -> orgs.lockInOrder(tx, List.of(id, body.intoId()))
                .chain(() -> editable(tx, id, actor)).chain(from -> orgs.find(tx, body.intoId(),
                        actor.scopePath())
                .chain(into -> {
                    if (into.isEmpty()) {
                        throw notFound(body.intoId());
                    }
                    PartyOrgStructure.checkMerge(from, into.get());
                    long intoId = into.get().id();
                    List<Long> nodes = from.nodeIds();
                    return orgs.end(tx, id, body.version(), "MERGED", intoId)
                            .call(done -> done ? orgs.moveChildren(tx, id, intoId)
                                    .chain(() -> orgs.cover(tx, intoId, nodes))
                                    .chain(() -> orgs.moveMembers(tx, id, intoId))
                                    .chain(() -> orgs.touch(tx, intoId))
                                    .chain(() -> orgs.find(tx, intoId, null))
                                    .chain(after -> orgs.history(tx, intoId, "MERGED_IN", actor.userId(),
                                            snapshot(into.get()), snapshot(after.get()).put("mergedFromId", id),
                                            clock.instant()))
                                    : Uni.createFrom().voidItem())
                            .chain(done -> afterEdit(tx, done, actor, from, "MERGED"));
                })));
    }

    /** The organisation, locked, if the actor may edit it (its node within their scope); 404 otherwise. */
    private Uni<OrgRow> editable(SqlClient tx, long id, Actor actor) {
        return orgs.findForUpdate(tx, id, actor.scopePath()).map(found -> {
            OrgRow org = found.orElseThrow(() -> notFound(id));
            if (!org.active()) {
                throw new Conflict("ORG_ENDED", "该组织已撤销或合并，不能再修改", "The organisation has been dissolved or merged");
            }
            return org;
        });
    }

    private Uni<PartyOrgView> afterEdit(SqlClient tx, boolean done, Actor actor, OrgRow before, String action) {
        if (!done) {
            throw new StaleVersion("组织信息已被他人修改，请刷新后重试", "The organisation changed since you read it");
        }
        return orgs.find(tx, before.id(), null).map(Optional::get)
                .call(after -> orgs.history(tx, before.id(), action, actor.userId(), snapshot(before), snapshot(after),
                        clock.instant()))
                .map(OrgRow::view);
    }

    private Uni<PartyOrgRepository.Node> node(SqlClient tx, long regionId, Actor actor) {
        return orgs.nodes(tx, List.of(regionId)).map(nodes -> {
            if (nodes.isEmpty() || !Actor.within(nodes.get(0).path(), actor.scopePath())) {
                throw DomainException.notFound("Region", "区域", regionId);
            }
            return nodes.get(0);
        });
    }

    private static JsonObject snapshot(OrgRow row) {
        PartyOrgView v = row.view();
        return new JsonObject().put("kind", v.kind().name()).put("name", v.name()).put("regionId", v.regionId())
                .put("parentId", v.parentId()).put("secretary", v.secretary()).put("contact", v.contact())
                .put("status", v.status()).put("mergedIntoId", v.mergedIntoId())
                .put("coveredRegionIds", new JsonArray(v.coveredRegionIds())).put("version", v.version());
    }

    private static boolean isNodeTaken(PgException e) {
        return "23505".equals(e.getSqlState()) && PartyOrgRepository.ONE_PER_NODE.equals(e.getConstraint());
    }

    private static Conflict nodeTaken() {
        return new Conflict("ORG_EXISTS", "该节点已有党组织：可改名、换书记，或先撤销再新建",
                "This node already has an organisation");
    }

    static NotFound notFound(long id) {
        return new NotFound("PARTY_ORG_NOT_FOUND", "党组织不存在或无权访问：" + id, "Party organisation not found: " + id);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.trim();
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
