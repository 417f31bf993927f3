package cn.gridgov.department;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.paging.CursorPage;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;
import cn.gridgov.incident.FlowEntry;
import cn.gridgov.incident.Incident;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.incident.IncidentRepository;
import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.IncidentWriter;
import cn.gridgov.incident.Visibility;
import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.DeadlineUnit;
import cn.gridgov.incident.deadline.WorkingCalendar;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * 吹哨报到: town and community staff call departments to an incident in their scope (the responsibility list
 * proposes whom); each called department reports (accepts and names a handler) within the response deadline on
 * the working calendar, or refuses once, which the county arbitrates (final); the lead resolves, supporters add
 * their work, the whistling node verifies. Each step is a row of the incident's flow, in the same transaction.
 */
@ApplicationScoped
public class CallService {

    /** The states a call can be listed by. */
    public static final Set<String> STATUSES = Set.of("CALLED", "REPORTED", "REFUSED", "REASSIGNED", "RESOLVED", "VERIFIED");

    private final Pool pool;
    private final CallRepository calls;
    private final ResponsibilityRepository responsibilities;
    private final IncidentRepository incidents;
    private final IncidentWriter writer;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final DepartmentNotices notices;

    public CallService(Pool pool, CallRepository calls, ResponsibilityRepository responsibilities,
                       IncidentRepository incidents, IncidentWriter writer, WorkingCalendar calendar, Clock clock,
                       DepartmentNotices notices) {
        this.pool = pool;
        this.notices = notices;
        this.calls = calls;
        this.responsibilities = responsibilities;
        this.incidents = incidents;
        this.writer = writer;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** What the list proposes for a visible incident. */
    public Uni<WhistleProposal> proposal(Actor actor, long incidentId) {
        return visible(pool, actor, incidentId).chain(incident -> responsibilities.current(pool, incident.categoryId())
                .map(entry -> WhistleProposal.of(incident.categoryCode(), entry)));
    }

    /** The calls of a visible incident. */
    public Uni<List<DepartmentCall>> ofIncident(Actor actor, long incidentId) {
        return visible(pool, actor, incidentId).chain(incident -> calls.ofIncident(pool, incident.id()));
    }

    /** Department staff: their department's calls; other staff: the calls of incidents in their scope. */
    public Uni<CursorPage<DepartmentCall>> list(Actor actor, String status, String cursor, int limit) {
        String s = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s)) {
            throw DomainException.badRequest("CALL_STATUS_UNKNOWN", "未知的呼叫状态：" + status + "（可选 " + STATUSES + "）",
                    "Unknown call status: " + status);
        }
        Long after = CursorPage.after(cursor);
        long afterId = after == null ? 0 : after;
        Uni<List<DepartmentCall>> found = actor.isDepartmentStaff()
                ? calls.ofDepartment(pool, actor.departmentId(), s, afterId, limit + 1)
                : actor.scopePath() == null ? Uni.createFrom().item(List.of())
                : calls.inScope(pool, actor.scopePath(), s, afterId, limit + 1);
        return found.map(list -> CursorPage.of(list, limit, DepartmentCall::id));
    }

    /** Calls departments to an incident in the caller's scope (the list's proposal when none are named). */
    public Uni<List<DepartmentCall>> whistle(Actor actor, long incidentId, CallRequests.Whistle request) {
        return calendar.calculator().chain(calc -> pool.withTransaction(tx -> visible(tx, actor, incidentId)
                .chain(incident -> {
                    if (!Visibility.staffScopeCovers(actor, incident.regionPath())) {
                        throw notFoundIncident(incidentId);
                    }
                    if (!IncidentStatus.OPEN.contains(incident.status()) || incident.status() == IncidentStatus.SUSPENDED) {
                        throw DomainException.conflict("INCIDENT_NOT_OPEN", "事件当前状态（" + incident.status()
                                + "）不能吹哨：只有处置中的事件可以呼叫部门", "Only an open incident can be whistled");
                    }
                    return responsibilities.current(tx, incident.categoryId())
                            .chain(entry -> calls.ofIncident(tx, incidentId)
                                    .chain(existing -> call(tx, actor, incident, entry, existing, request, calc)));
                })
                .chain(() -> calls.ofIncident(tx, incidentId))));
    }

    private Uni<Void> call(SqlClient tx, Actor actor, Incident incident, ResponsibilityView entry,
                           List<DepartmentCall> existing, CallRequests.Whistle request, DeadlineCalculator calc) {
        Set<Long> proposed = new LinkedHashSet<>();
        List<CallRequests.Target> targets = new ArrayList<>();
        if (entry != null) {
            proposed.add(entry.lead().id());
            entry.supporters().forEach(s -> proposed.add(s.id()));
        }
        if (request == null || request.departments() == null || request.departments().isEmpty()) {
            if (entry == null) {
                throw DomainException.badRequest("WHISTLE_NO_PROPOSAL", "该分类尚无权责清单，请指定要呼叫的部门（并说明理由）",
                        "The category has no responsibility entry: name the departments to call");
            }
            targets.add(new CallRequests.Target(entry.lead().id(), ResponsibilityService.LEAD, null));
            entry.supporters().forEach(s -> targets.add(new CallRequests.Target(s.id(), ResponsibilityService.SUPPORT, null)));
        } else {
            targets.addAll(request.departments());
        }
        boolean hasLead = existing.stream().anyMatch(c -> c.isLead() && !"REASSIGNED".equals(c.status()));
        Set<Long> called = new LinkedHashSet<>();
        existing.forEach(c -> called.add(c.department().id()));
        Set<Long> ids = new LinkedHashSet<>();
        int leads = 0;
        for (CallRequests.Target t : targets) {
            String role = t.role().trim().toUpperCase(Locale.ROOT);
            if (!ResponsibilityService.LEAD.equals(role) && !ResponsibilityService.SUPPORT.equals(role)) {
                throw DomainException.badRequest("CALL_ROLE_UNKNOWN", "部门职责只能是 LEAD（牵头）或 SUPPORT（配合）：" + t.role(),
                        "A called department's role is LEAD or SUPPORT: " + t.role());
            }
            leads += ResponsibilityService.LEAD.equals(role) ? 1 : 0;
            if (!ids.add(t.departmentId())) {
                throw DomainException.badRequest("CALL_DEPARTMENT_REPEATED", "同一部门只能呼叫一次：" + t.departmentId(),
                        "A department is named twice: " + t.departmentId());
            }
            if (!proposed.contains(t.departmentId()) && (t.reason() == null || t.reason().isBlank())) {
                throw DomainException.badRequest("CALL_REASON_REQUIRED", "权责清单未列出的部门须说明呼叫理由：" + t.departmentId(),
                        "A department the list does not propose needs a reason: " + t.departmentId());
            }
            if (called.contains(t.departmentId())) {
                throw DomainException.conflict("DEPARTMENT_ALREADY_CALLED", "该部门已被呼叫过：" + t.departmentId(),
                        "The department has already been called: " + t.departmentId());
            }
        }
        if (leads != (hasLead ? 0 : 1)) {
            throw DomainException.badRequest("WHISTLE_ONE_LEAD", hasLead
                    ? "该事件已有牵头部门，再次呼叫的部门只能是配合（SUPPORT）"
                    : "吹哨须有且只有一个牵头部门（本次为 " + leads + " 个）",
                    hasLead ? "The incident has a lead already: call supporters only" : "Exactly one lead department (got " + leads + ")");
        }
        int hours = entry == null ? ResponsibilityService.DEFAULT_RESPONSE_HOURS : entry.responseHours();
        Instant now = clock.instant();
        Instant respondBy = calc.due(now, hours, DeadlineUnit.WORKING_HOURS);
        return calls.activeDepartmentNames(tx, List.copyOf(ids)).chain(names -> {
            List<Long> unknown = ids.stream().filter(id -> !names.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw DomainException.badRequest("DEPARTMENT_UNKNOWN", "部门不存在或已停用：" + unknown,
                        "Unknown or inactive departments: " + unknown);
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            StringBuilder summary = new StringBuilder("吹哨：");
            for (CallRequests.Target t : targets) {
                String role = t.role().trim().toUpperCase(Locale.ROOT);
                String reason = t.reason() == null || t.reason().isBlank() ? null : t.reason().trim();
                summary.append(names.get(t.departmentId())).append(ResponsibilityService.LEAD.equals(role) ? "（牵头）" : "（配合）")
                        .append(' ');
                chain = chain.chain(() -> calls.insert(tx, incident.id(), t.departmentId(), role, reason, actor.userId(),
                        actor.scopeRegionId(), actor.scopePath(), now, respondBy, true).replaceWithVoid());
            }
            if (request != null && request.comment() != null && !request.comment().isBlank()) {
                summary.append("。").append(request.comment().trim());
            }
            return chain.chain(() -> flow(tx, incident, IncidentAction.WHISTLE, actor, summary.toString().trim(), now))
                    .chain(flowId -> notices.tell(tx, flowId, ids));
        });
    }

    /**
     * Routing straight to a department by the list (#11 §4): the system calls the lead department of the
     * incident's category, as if the owning node whistled (the whistling node is the incident's owner, which
     * verifies the result). Nothing when the category has no list entry, the incident is not open, or it has
     * calls already. Answers the new call's id, or null.
     */
    public Uni<Long> routeToLead(long incidentId, long systemUserId, String actorRole) {
        return calendar.calculator().chain(calc -> pool.withTransaction(tx -> tx.preparedQuery("""
                        SELECT i.id, i.status, i.category_id, i.owner_region_id, ltree2text(i.owner_path) AS owner_path,
                               i.assignee_id
                        FROM incident i WHERE i.id = $1 FOR NO KEY UPDATE""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(incidentId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().<Long>nullItem();
                    }
                    io.vertx.mutiny.sqlclient.Row r = rows.iterator().next();
                    IncidentStatus status = IncidentStatus.valueOf(r.getString("status"));
                    if (!IncidentStatus.OPEN.contains(status) || status == IncidentStatus.SUSPENDED) {
                        return Uni.createFrom().<Long>nullItem();
                    }
                    long owner = r.getLong("owner_region_id");
                    String ownerPath = r.getString("owner_path");
                    Long assignee = r.getLong("assignee_id");
                    return responsibilities.current(tx, r.getLong("category_id")).chain(entry -> {
                        if (entry == null) {
                            return Uni.createFrom().<Long>nullItem();
                        }
                        return calls.ofIncident(tx, incidentId).chain(existing -> {
                            if (!existing.isEmpty()) {
                                return Uni.createFrom().<Long>nullItem();
                            }
                            Instant now = clock.instant();
                            Instant respondBy = calc.due(now, entry.responseHours(), DeadlineUnit.WORKING_HOURS);
                            return calls.activeDepartmentNames(tx, List.of(entry.lead().id())).chain(names -> {
                                if (!names.containsKey(entry.lead().id())) {
                                    return Uni.createFrom().<Long>nullItem();
                                }
                                return calls.insert(tx, incidentId, entry.lead().id(), ResponsibilityService.LEAD,
                                                "12345 工单按权责清单直派牵头部门", systemUserId, owner, ownerPath, now,
                                                respondBy, true)
                                        .call(() -> writer.note(tx, new FlowEntry(null, incidentId, IncidentAction.WHISTLE,
                                                status, status, systemUserId, actorRole, "按权责清单直派："
                                                + names.get(entry.lead().id()) + "（牵头）", List.of(), assignee, owner, now))
                                                .chain(flowId -> notices.tell(tx, flowId, List.of(entry.lead().id()))));
                            });
                        });
                    });
                })));
    }

    /** 报到: the called department accepts and names its handler; the handling deadline starts. */
    public Uni<DepartmentCall> report(Actor actor, long callId, CallRequests.Report request) {
        return calendar.calculator().chain(calc -> pool.withTransaction(tx -> ownCall(tx, actor, callId).chain(call -> {
            if (!"CALLED".equals(call.status())) {
                throw notInState(call, "只有待报到（CALLED）的呼叫可以报到");
            }
            Long handler = request != null && request.handlerId() != null ? request.handlerId()
                    : actor.hasRole(Role.DEPT_HANDLER) ? Long.valueOf(actor.userId()) : null;
            if (handler == null) {
                throw DomainException.badRequest("HANDLER_REQUIRED", "报到须指定本部门的经办人 handlerId",
                        "Name the handler (handlerId) when reporting");
            }
            return calls.isStaffOf(tx, handler, call.department().id()).chain(ok -> {
                if (!ok) {
                    throw DomainException.badRequest("HANDLER_INVALID", "经办人须为本部门在岗人员：" + handler,
                            "The handler must be active staff of the department: " + handler);
                }
                return visible(tx, actor, call.incidentId());
            }).chain(incident -> calls.categoryDeadline(tx, incident.categoryId()).chain(deadline -> {
                Instant now = clock.instant();
                Instant handleBy = calc.due(now, deadline.amount(), deadline.unit());
                boolean onTime = !now.isAfter(call.respondBy().toInstant());
                return calls.move(tx, callId, "CALLED", "REPORTED",
                                ", reported_at = $4, handler_id = $5, handle_by = $6, updated_at = $4",
                                CallRepository.odt(now), handler, CallRepository.odt(handleBy))
                        .chain(moved -> requireMoved(moved, call))
                        .chain(() -> flow(tx, incident, IncidentAction.DEPT_REPORT, actor, call.department().name()
                                + (onTime ? "按时报到" : "超时报到") + "，经办人 #" + handler + comment(request == null ? null
                                : request.comment()), now));
            })).chain(() -> calls.find(tx, callId));
        })));
    }

    /** A refusal (not ours), once per call, with a reason: it goes to the county for arbitration. */
    public Uni<DepartmentCall> refuse(Actor actor, long callId, CallRequests.Note request) {
        return pool.withTransaction(tx -> ownCall(tx, actor, callId).chain(call -> {
            if (!"CALLED".equals(call.status()) || !call.refusable()) {
                throw DomainException.conflict("CALL_NOT_REFUSABLE", "该呼叫不能拒绝：每次呼叫只能在报到前拒绝一次，县级仲裁的决定为最终决定",
                        "The call cannot be refused: once only, before reporting, and never after arbitration");
            }
            Instant now = clock.instant();
            return visible(tx, actor, call.incidentId()).chain(incident -> calls.move(tx, callId, "CALLED", "REFUSED",
                            ", refusable = false, refusal_reason = $4, updated_at = $5", request.comment().trim(),
                            CallRepository.odt(now))
                    .chain(moved -> requireMoved(moved, call))
                    .chain(() -> flow(tx, incident, IncidentAction.DEPT_REFUSE, actor,
                            call.department().name() + "拒绝（非本部门职责），提请县级仲裁：" + request.comment().trim(), now)))
                    .chain(() -> calls.find(tx, callId));
        }));
    }

    /**
     * The county's final decision on a refusal: the refusing department itself (its call is due again from now,
     * without a second refusal) or another one (a new call of the same part, which cannot be refused).
     */
    public Uni<DepartmentCall> arbitrate(Actor actor, long callId, CallRequests.Arbitration request) {
        return calendar.calculator().chain(calc -> pool.withTransaction(tx -> calls.find(tx, callId).chain(call -> {
            if (call == null) {
                throw notFoundCall(callId);
            }
            return visible(tx, actor, call.incidentId()).map(incident -> {
                if (!Visibility.staffScopeCovers(actor, incident.regionPath())) {
                    throw notFoundCall(callId);
                }
                return incident;
            }).chain(incident -> {
                if (!"REFUSED".equals(call.status())) {
                    throw DomainException.conflict("CALL_NOT_REFUSED", "只有被拒绝、待仲裁的呼叫可以仲裁（当前 " + call.status()
                            + "）；仲裁决定为最终决定", "Only a refused call awaits arbitration (now " + call.status() + ")");
                }
                Instant now = clock.instant();
                String comment = request.comment().trim();
                long decided = request.departmentId();
                return responsibilities.current(tx, incident.categoryId()).chain(entry -> {
                    int hours = entry == null ? ResponsibilityService.DEFAULT_RESPONSE_HOURS : entry.responseHours();
                    Instant respondBy = calc.due(now, hours, DeadlineUnit.WORKING_HOURS);
                    if (decided == call.department().id()) {
                        // a new round: the new deadline counts from now and is supervised afresh
                        return calls.move(tx, callId, "REFUSED", "CALLED",
                                        ", respond_by = $4, arbitration_comment = $5, arbitrated_by = $6, updated_at = $7,"
                                                + " respond_from = $7, round_no = round_no + 1",
                                        CallRepository.odt(respondBy), comment, actor.userId(), CallRepository.odt(now))
                                .chain(moved -> requireMoved(moved, call))
                                .chain(() -> flow(tx, incident, IncidentAction.ARBITRATE, actor, "县级仲裁：仍由"
                                        + call.department().name() + "承办，须在时限内报到。" + comment, now))
                                .chain(flowId -> notices.tell(tx, flowId, List.of(decided)))
                                .replaceWith(callId);
                    }
                    return calls.activeDepartmentNames(tx, List.of(decided)).chain(names -> {
                        if (!names.containsKey(decided)) {
                            throw DomainException.badRequest("DEPARTMENT_UNKNOWN", "部门不存在或已停用：" + decided,
                                    "Unknown or inactive department: " + decided);
                        }
                        return calls.ofIncident(tx, call.incidentId());
                    }).chain(existing -> {
                        if (existing.stream().anyMatch(c -> c.department().id() == decided)) {
                            throw DomainException.conflict("DEPARTMENT_ALREADY_CALLED", "该部门已被呼叫过：" + decided,
                                    "The department has already been called: " + decided);
                        }
                        return calls.move(tx, callId, "REFUSED", "REASSIGNED",
                                        ", arbitration_comment = $4, arbitrated_by = $5, updated_at = $6", comment,
                                        actor.userId(), CallRepository.odt(now))
                                .chain(moved -> requireMoved(moved, call))
                                .chain(() -> calls.insert(tx, call.incidentId(), decided, call.role(), "县级仲裁：" + comment,
                                        call.calledBy(), call.callerRegionId(), call.callerPath(), now, respondBy, false))
                                .call(newId -> calls.find(tx, newId).chain(created -> flow(tx, incident,
                                        IncidentAction.ARBITRATE, actor, "县级仲裁：改由" + created.department().name()
                                                + "承办，须在时限内报到。" + comment, now))
                                        .chain(flowId -> notices.tell(tx, flowId, List.of(decided))));
                    });
                });
            }).chain(id -> calls.find(tx, id));
        })));
    }

    /**
     * 督办 of a call by a county admin: a call waiting to report or to be resolved is pressed on, once per county
     * node, as a flow row naming the department (its staff hear it through the feed).
     */
    public Uni<DepartmentCall> supervise(Actor actor, long callId, CallRequests.Note request) {
        return pool.withTransaction(tx -> calls.find(tx, callId).chain(call -> {
            if (call == null) {
                throw notFoundCall(callId);
            }
            return visible(tx, actor, call.incidentId()).chain(incident -> {
                if (!Visibility.staffScopeCovers(actor, incident.regionPath())) {
                    throw notFoundCall(callId);
                }
                if (!"CALLED".equals(call.status()) && !"REPORTED".equals(call.status())) {
                    throw notInState(call, "只有待报到或处置中的呼叫可以督办");
                }
                Instant now = clock.instant();
                return tx.preparedQuery("""
                                INSERT INTO department_call_mark (call_id, round_no, phase, mark, node_id, at)
                                VALUES ($1, $4, 'PRESS', 'SUPERVISE', $2, $3) ON CONFLICT DO NOTHING RETURNING call_id""")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(callId, actor.scopeRegionId(), CallRepository.odt(now),
                                call.round()))
                        .chain(rows -> {
                            if (rows.rowCount() == 0) {
                                throw DomainException.conflict("CALL_ALREADY_SUPERVISED", "本级已督办过该呼叫",
                                        "This node has already pressed on the call");
                            }
                            String text = "县级督办" + call.department().name()
                                    + ("CALLED".equals(call.status()) ? "尽快报到" : "尽快办结") + "：" + request.comment().trim();
                            String cut = text.length() > 1000 ? text.substring(0, 1000) : text;
                            return writer.note(tx, new FlowEntry(null, incident.id(), IncidentAction.DEPT_SUPERVISE,
                                    incident.status(), incident.status(), actor.userId(), actingRole(actor), cut, List.of(),
                                    incident.assigneeId(), actor.scopeRegionId(), now));
                        })
                        .call(flowId -> notices.tell(tx, flowId, List.of(call.department().id())))
                        .chain(flowId -> tx.preparedQuery("""
                                        UPDATE department_call_mark SET flow_id = $3
                                        WHERE call_id = $1 AND round_no = $4 AND phase = 'PRESS' AND mark = 'SUPERVISE'
                                          AND node_id = $2""")
                                .execute(io.vertx.mutiny.sqlclient.Tuple.of(callId, actor.scopeRegionId(), flowId,
                                        call.round())));
            }).chain(() -> calls.find(tx, callId));
        }));
    }

    /** A supporter's (or the lead's) work, as a flow row. */
    public Uni<DepartmentCall> work(Actor actor, long callId, CallRequests.Note request) {
        return pool.withTransaction(tx -> ownCall(tx, actor, callId).chain(call -> {
            if (!"REPORTED".equals(call.status())) {
                throw notInState(call, "报到后才能记录处置情况");
            }
            return visible(tx, actor, call.incidentId()).chain(incident -> flow(tx, incident, IncidentAction.DEPT_WORK,
                    actor, call.department().name() + "：" + request.comment().trim(), clock.instant()))
                    .chain(() -> calls.find(tx, callId));
        }));
    }

    /** The lead department's result: the whistling node verifies it next. */
    public Uni<DepartmentCall> resolve(Actor actor, long callId, CallRequests.Note request) {
        return pool.withTransaction(tx -> ownCall(tx, actor, callId).chain(call -> {
            if (!call.isLead()) {
                throw DomainException.conflict("CALL_NOT_LEAD", "只有牵头部门可以办结；配合部门请记录处置情况",
                        "Only the lead department resolves; supporters record their work");
            }
            if (!"REPORTED".equals(call.status())) {
                throw notInState(call, "报到后才能办结");
            }
            Instant now = clock.instant();
            return visible(tx, actor, call.incidentId()).chain(incident -> calls.move(tx, callId, "REPORTED", "RESOLVED",
                            ", resolved_at = $4, updated_at = $4", CallRepository.odt(now))
                    .chain(moved -> requireMoved(moved, call))
                    .chain(() -> flow(tx, incident, IncidentAction.DEPT_RESOLVE, actor,
                            call.department().name() + "办结：" + request.comment().trim(), now)))
                    .chain(() -> calls.find(tx, callId));
        }));
    }

    /** The whistling node's check on site: passed, or sent back to the lead (with a reason). */
    public Uni<DepartmentCall> verify(Actor actor, long callId, CallRequests.Verification request) {
        boolean passed = request.passed();
        String reason = request.comment() == null ? "" : request.comment().trim();
        if (!passed && reason.isEmpty()) {
            throw DomainException.badRequest("SEND_BACK_REASON_REQUIRED", "退回须说明理由 comment", "Say why it is sent back");
        }
        return pool.withTransaction(tx -> calls.find(tx, callId).chain(call -> {
            if (call == null || !Actor.within(call.callerPath(), actor.scopePath())) {
                throw notFoundCall(callId);
            }
            if (!"RESOLVED".equals(call.status())) {
                throw notInState(call, "只有已办结（RESOLVED）的呼叫可以核查");
            }
            Instant now = clock.instant();
            return visible(tx, actor, call.incidentId()).chain(incident -> (passed
                            ? calls.move(tx, callId, "RESOLVED", "VERIFIED", ", updated_at = $4", CallRepository.odt(now))
                            : calls.move(tx, callId, "RESOLVED", "REPORTED", ", resolved_at = NULL, updated_at = $4",
                            CallRepository.odt(now)))
                    .chain(moved -> requireMoved(moved, call))
                    .chain(() -> flow(tx, incident, passed ? IncidentAction.DEPT_VERIFY_PASS : IncidentAction.DEPT_SEND_BACK,
                            actor, (passed ? "现场核查通过" : "现场核查未通过，退回" + call.department().name() + "：")
                                    + (passed ? comment(reason) : reason), now))
                    .chain(flowId -> passed ? Uni.createFrom().voidItem()
                            : notices.tell(tx, flowId, List.of(call.department().id()))))
                    .chain(() -> calls.find(tx, callId));
        }));
    }

    /** The call, if it is of the caller's department; otherwise it looks absent. */
    private Uni<DepartmentCall> ownCall(SqlClient tx, Actor actor, long callId) {
        return calls.find(tx, callId).map(call -> {
            if (call == null || actor.departmentId() == null || call.department().id() != actor.departmentId()) {
                throw notFoundCall(callId);
            }
            return call;
        });
    }

    private Uni<Incident> visible(SqlClient db, Actor actor, long incidentId) {
        return incidents.find(db, incidentId, Visibility.of(actor)).map(incident -> {
            if (incident == null) {
                throw notFoundIncident(incidentId);
            }
            return incident;
        });
    }

    /** Writes the flow row and answers its id. */
    private Uni<Long> flow(SqlClient tx, Incident incident, IncidentAction action, Actor actor, String comment,
                           Instant now) {
        String text = comment.length() > 1000 ? comment.substring(0, 1000) : comment;
        return writer.note(tx, new FlowEntry(null, incident.id(), action, incident.status(), incident.status(),
                actor.userId(), actingRole(actor), text, List.of(), incident.assigneeId(), incident.ownerRegionId(), now));
    }

    private static String actingRole(Actor actor) {
        if (actor.isDepartmentStaff()) {
            return actor.hasRole(Role.DEPT_ADMIN) ? Role.DEPT_ADMIN : Role.DEPT_HANDLER;
        }
        return Role.highest(actor.roles(), Role.STAFF_ROLES).orElse(Role.STAFF);
    }

    private static Uni<Void> requireMoved(boolean moved, DepartmentCall call) {
        if (!moved) {
            return Uni.createFrom().failure(DomainException.conflict("CALL_CHANGED", "该呼叫刚被他人处理，请刷新后重试",
                    "The call changed meanwhile; reload and retry"));
        }
        return Uni.createFrom().voidItem();
    }

    private static String comment(String text) {
        return text == null || text.isBlank() ? "" : "。" + text.trim();
    }

    private static DomainException notInState(DepartmentCall call, String zh) {
        return DomainException.conflict("CALL_NOT_OPEN", zh + "（当前 " + call.status() + "）",
                "The call is " + call.status() + ": not allowed now");
    }

    private static DomainException notFoundCall(long id) {
        return DomainException.notFound("department_call", "部门呼叫", id);
    }

    private static DomainException notFoundIncident(long id) {
        return DomainException.notFound("incident", "事件", id);
    }
}
