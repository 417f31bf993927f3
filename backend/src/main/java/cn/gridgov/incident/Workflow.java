package cn.gridgov.incident;

import cn.gridgov.identity.Actor;
import cn.gridgov.identity.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.gridgov.incident.IncidentAction.ACCEPT;
import static cn.gridgov.incident.IncidentAction.DISPATCH;
import static cn.gridgov.incident.IncidentAction.ESCALATE;
import static cn.gridgov.incident.IncidentAction.RATE;
import static cn.gridgov.incident.IncidentAction.REJECT;
import static cn.gridgov.incident.IncidentAction.RESOLVE;
import static cn.gridgov.incident.IncidentAction.RESUME;
import static cn.gridgov.incident.IncidentAction.RETURN;
import static cn.gridgov.incident.IncidentAction.START;
import static cn.gridgov.incident.IncidentAction.SUSPEND;
import static cn.gridgov.incident.IncidentAction.VERIFY_FAIL;
import static cn.gridgov.incident.IncidentAction.VERIFY_PASS;
import static cn.gridgov.incident.IncidentStatus.ACCEPTED;
import static cn.gridgov.incident.IncidentStatus.CLOSED;
import static cn.gridgov.incident.IncidentStatus.DISPATCHED;
import static cn.gridgov.incident.IncidentStatus.IN_PROGRESS;
import static cn.gridgov.incident.IncidentStatus.REJECTED;
import static cn.gridgov.incident.IncidentStatus.REPORTED;
import static cn.gridgov.incident.IncidentStatus.RESOLVED;
import static cn.gridgov.incident.IncidentStatus.SUSPENDED;

/**
 * THE table of the handling loop: for each action, the states it starts from, the state it leads to, who may
 * take it and what it needs. Every check of "may this caller do this now" reads this table and nothing else.
 */
public final class Workflow {

    /** Who may take an action. */
    public enum Party {
        /** 社区党委 / town / county staff who dispatch, on a node containing the incident's owner node. */
        DISPATCHER,
        /** The staff member the incident is assigned to. */
        ASSIGNEE,
        /** Staff who check a fix on site (grid workers too), whose scope contains the incident; not the assignee. */
        VERIFIER,
        /** The person who reported it. */
        REPORTER
    }

    /** What an action needs in the request. */
    public enum Needs { NOTHING, COMMENT, ASSIGNEE, COMMENT_OR_PHOTO, RATING }

    /** One row: {@code action} from any of {@code from} leads to {@code to} ({@code null}: back to the state before suspension). */
    public record Rule(IncidentAction action, Set<IncidentStatus> from, IncidentStatus to, Party party, Needs needs) {
    }

    static final Set<String> DISPATCHER_ROLES = Set.of(Role.GRID_LEADER, Role.COMMUNITY_ADMIN, Role.TOWN_ADMIN,
            Role.COUNTY_ADMIN);
    static final Set<String> VERIFIER_ROLES = Set.of(Role.GRID_WORKER, Role.BUILDING_LEAD, Role.GRID_LEADER,
            Role.COMMUNITY_ADMIN, Role.TOWN_ADMIN, Role.COUNTY_ADMIN);

    public static final List<Rule> RULES = List.of(
            new Rule(ACCEPT, Set.of(REPORTED), ACCEPTED, Party.DISPATCHER, Needs.NOTHING),
            new Rule(REJECT, Set.of(REPORTED), REJECTED, Party.DISPATCHER, Needs.COMMENT),
            new Rule(DISPATCH, Set.of(ACCEPTED, DISPATCHED), DISPATCHED, Party.DISPATCHER, Needs.ASSIGNEE),
            new Rule(START, Set.of(DISPATCHED), IN_PROGRESS, Party.ASSIGNEE, Needs.NOTHING),
            new Rule(RETURN, Set.of(DISPATCHED, IN_PROGRESS), ACCEPTED, Party.ASSIGNEE, Needs.COMMENT),
            new Rule(RESOLVE, Set.of(IN_PROGRESS), RESOLVED, Party.ASSIGNEE, Needs.COMMENT_OR_PHOTO),
            new Rule(VERIFY_PASS, Set.of(RESOLVED), CLOSED, Party.VERIFIER, Needs.NOTHING),
            new Rule(VERIFY_FAIL, Set.of(RESOLVED), IN_PROGRESS, Party.VERIFIER, Needs.COMMENT),
            new Rule(ESCALATE, IncidentStatus.CLOCK_RUNNING, ACCEPTED, Party.DISPATCHER,
                    Needs.COMMENT),
            new Rule(SUSPEND, IncidentStatus.HANDLING, SUSPENDED, Party.DISPATCHER, Needs.COMMENT),
            new Rule(RESUME, Set.of(SUSPENDED), null, Party.DISPATCHER, Needs.NOTHING),
            new Rule(RATE, Set.of(CLOSED), CLOSED, Party.REPORTER, Needs.RATING));

    private static final Map<IncidentAction, Rule> BY_ACTION = new LinkedHashMap<>();

    static {
        RULES.forEach(rule -> BY_ACTION.put(rule.action(), rule));
    }

    private Workflow() {
    }

    public static Optional<Rule> rule(IncidentAction action) {
        return Optional.ofNullable(BY_ACTION.get(action));
    }

    /** The actions this caller may take on the incident now, in table order. */
    public static List<IncidentAction> allowed(Incident incident, Actor actor) {
        return RULES.stream()
                .filter(rule -> rule.from().contains(incident.status()) && actingRole(rule.party(), incident, actor).isPresent()
                        && !(rule.action() == RATE && incident.ratedAt() != null))
                .map(Rule::action).toList();
    }

    /**
     * The role under which {@code actor} is {@code party} for this incident (recorded in the flow), or empty
     * when they are not.
     */
    public static Optional<String> actingRole(Party party, Incident incident, Actor actor) {
        return switch (party) {
            case DISPATCHER -> actor.isStaff() && contains(actor.scopePath(), incident.ownerPath())
                    ? highest(actor, DISPATCHER_ROLES) : Optional.empty();
            case ASSIGNEE -> incident.assigneeId() != null && incident.assigneeId() == actor.userId()
                    ? highest(actor, VERIFIER_ROLES).or(() -> Optional.of(Role.STAFF)) : Optional.empty();
            case VERIFIER -> actor.isStaff() && contains(actor.scopePath(), incident.regionPath())
                    && (incident.assigneeId() == null || incident.assigneeId() != actor.userId())
                    ? highest(actor, VERIFIER_ROLES) : Optional.empty();
            case REPORTER -> incident.reporterId() == actor.userId()
                    ? Optional.of(actor.isStaff() ? Role.STAFF : Role.RESIDENT) : Optional.empty();
        };
    }

    /** Whether the ltree path {@code path} lies under (or is) {@code scope}. */
    public static boolean contains(String scope, String path) {
        return scope != null && path != null && (path.equals(scope) || path.startsWith(scope + "."));
    }

    private static Optional<String> highest(Actor actor, Set<String> candidates) {
        return actor.roles().stream().filter(candidates::contains)
                .max((a, b) -> Integer.compare(Role.rank(a), Role.rank(b)));
    }
}
