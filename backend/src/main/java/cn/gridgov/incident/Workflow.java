package cn.gridgov.incident;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.security.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static cn.gridgov.incident.IncidentAction.ACCEPT;
import static cn.gridgov.incident.IncidentAction.ADD_INFO;
import static cn.gridgov.incident.IncidentAction.DISPATCH;
import static cn.gridgov.incident.IncidentAction.ESCALATE;
import static cn.gridgov.incident.IncidentAction.RATE;
import static cn.gridgov.incident.IncidentAction.REJECT;
import static cn.gridgov.incident.IncidentAction.REOPEN;
import static cn.gridgov.incident.IncidentAction.RESOLVE;
import static cn.gridgov.incident.IncidentAction.RESUME;
import static cn.gridgov.incident.IncidentAction.RETURN;
import static cn.gridgov.incident.IncidentAction.SELF_RESOLVE;
import static cn.gridgov.incident.IncidentAction.START;
import static cn.gridgov.incident.IncidentAction.SUSPEND;
import static cn.gridgov.incident.IncidentAction.VERIFY_FAIL;
import static cn.gridgov.incident.IncidentAction.VERIFY_PASS;
import static cn.gridgov.incident.IncidentAction.WITHDRAW;
import static cn.gridgov.incident.IncidentStatus.ACCEPTED;
import static cn.gridgov.incident.IncidentStatus.CLOSED;
import static cn.gridgov.incident.IncidentStatus.DISPATCHED;
import static cn.gridgov.incident.IncidentStatus.IN_PROGRESS;
import static cn.gridgov.incident.IncidentStatus.REJECTED;
import static cn.gridgov.incident.IncidentStatus.REPORTED;
import static cn.gridgov.incident.IncidentStatus.RESOLVED;
import static cn.gridgov.incident.IncidentStatus.SUSPENDED;
import static cn.gridgov.incident.IncidentStatus.WITHDRAWN;

/**
 * THE table of the handling loop: for each step, the states it starts from, the state it leads to, who may
 * take it, what it needs, whether it may be taken only once, and how it is taken (with the report, or through
 * the transitions endpoint). Every check of "may this caller do this now" reads this table and nothing else.
 */
public final class Workflow {

    /** Who may take an action. */
    public enum Party {
        /** 社区党委 / town / county staff who dispatch, on a node containing the incident's owner node. */
        DISPATCHER,
        /** The person the incident is assigned to: a staff member, a Party member or a co-building unit's contact. */
        ASSIGNEE,
        /** Staff who check a fix on site (grid workers too), whose scope contains the incident; not the assignee. */
        VERIFIER,
        /** The person who reported it. */
        REPORTER,
        /** The person who reported it, when they are staff (resolving it on the spot). */
        STAFF_REPORTER
    }

    /** What an action needs in the request. */
    public enum Needs { NOTHING, COMMENT, ASSIGNEE, COMMENT_OR_PHOTO, PHOTO, RATING, INFO }

    /**
     * How a step is taken: with the report that creates the incident, later through the transitions endpoint, or
     * through an endpoint of its own (a resident's addition and withdrawal, a revisit's reopening), without a
     * version from the client.
     */
    public enum Via { REPORT, TRANSITION, OWN_ENDPOINT }

    /**
     * A step that may be taken once only: {@code taken} says whether it has been, and the refusal (409) says so
     * with its code and messages.
     */
    public record Once(Predicate<Incident> taken, String code, String messageZh, String messageEn) {
    }

    /**
     * One row: {@code action} from any of {@code from} leads to {@code to} ({@code null}: back to the state before
     * suspension for RESUME, the state unchanged for ADD_INFO); {@code once} is null for steps that may be repeated.
     */
    public record Rule(IncidentAction action, Set<IncidentStatus> from, IncidentStatus to, Party party, Needs needs,
                       Via via, Once once) {

        Rule(IncidentAction action, Set<IncidentStatus> from, IncidentStatus to, Party party, Needs needs) {
            this(action, from, to, party, needs, Via.TRANSITION, null);
        }
    }

    /** An action name clients may send for a pair of actions, told apart by {@code passed}. */
    public record Alias(IncidentAction passed, IncidentAction failed) {
    }

    /**
     * The role a flow row records for an assignee who is not staff: a Party member or a co-building unit's contact
     * handling an incident dispatched to them ({@link Handlers}).
     */
    public static final String HANDLER_ROLE = "HANDLER";

    static final Set<String> DISPATCHER_ROLES = Role.LEADERS;
    static final Set<String> VERIFIER_ROLES = Set.copyOf(Role.STAFF_ROLES);

    /** Every step, in the order {@link #allowed} lists them. */
    public static final List<Rule> TABLE = List.of(
            new Rule(SELF_RESOLVE, Set.of(REPORTED), CLOSED, Party.STAFF_REPORTER, Needs.PHOTO, Via.REPORT, null),
            new Rule(ACCEPT, Set.of(REPORTED), ACCEPTED, Party.DISPATCHER, Needs.NOTHING),
            new Rule(REJECT, Set.of(REPORTED), REJECTED, Party.DISPATCHER, Needs.COMMENT),
            new Rule(DISPATCH, Set.of(ACCEPTED, DISPATCHED), DISPATCHED, Party.DISPATCHER, Needs.ASSIGNEE),
            new Rule(START, Set.of(DISPATCHED), IN_PROGRESS, Party.ASSIGNEE, Needs.NOTHING),
            new Rule(RETURN, Set.of(DISPATCHED, IN_PROGRESS), ACCEPTED, Party.ASSIGNEE, Needs.COMMENT),
            new Rule(RESOLVE, Set.of(IN_PROGRESS), RESOLVED, Party.ASSIGNEE, Needs.COMMENT_OR_PHOTO),
            new Rule(VERIFY_PASS, Set.of(RESOLVED), CLOSED, Party.VERIFIER, Needs.NOTHING),
            new Rule(VERIFY_FAIL, Set.of(RESOLVED), IN_PROGRESS, Party.VERIFIER, Needs.COMMENT),
            new Rule(ESCALATE, IncidentStatus.CLOCK_RUNNING, ACCEPTED, Party.DISPATCHER, Needs.COMMENT),
            new Rule(SUSPEND, IncidentStatus.HANDLING, SUSPENDED, Party.DISPATCHER, Needs.COMMENT),
            new Rule(RESUME, Set.of(SUSPENDED), null, Party.DISPATCHER, Needs.NOTHING),
            new Rule(RATE, Set.of(CLOSED), CLOSED, Party.REPORTER, Needs.RATING, Via.TRANSITION,
                    new Once(incident -> incident.ratedAt() != null, "ALREADY_RATED", "您已评价过该事件",
                            "You have rated this incident already")),
            new Rule(ADD_INFO, IncidentStatus.OPEN, null, Party.REPORTER, Needs.INFO, Via.OWN_ENDPOINT, null),
            new Rule(WITHDRAW, IncidentStatus.OPEN, WITHDRAWN, Party.REPORTER, Needs.NOTHING, Via.OWN_ENDPOINT, null),
            new Rule(REOPEN, Set.of(CLOSED), ACCEPTED, Party.DISPATCHER, Needs.COMMENT, Via.OWN_ENDPOINT, null));

    /** The steps of {@code POST /api/v1/incidents/{id}/transitions}. */
    public static final List<Rule> RULES = TABLE.stream().filter(rule -> rule.via() == Via.TRANSITION).toList();

    /** Action names clients may send beside the table's own: {@code VERIFY} with {@code passed}. */
    public static final Map<String, Alias> ALIASES = Map.of("VERIFY", new Alias(VERIFY_PASS, VERIFY_FAIL));

    private static final Map<IncidentAction, Rule> BY_ACTION = new LinkedHashMap<>();

    static {
        TABLE.forEach(rule -> BY_ACTION.put(rule.action(), rule));
    }

    private Workflow() {
    }

    public static Optional<Rule> rule(IncidentAction action) {
        return Optional.ofNullable(BY_ACTION.get(action));
    }

    /** The actions this caller may take on the incident now through the transitions endpoint, in table order. */
    public static List<IncidentAction> allowed(Incident incident, Actor actor) {
        return allowed(incident, actor, Via.TRANSITION);
    }

    /** The actions this caller may take on the incident now by way of {@code via}, in table order. */
    public static List<IncidentAction> allowed(Incident incident, Actor actor, Via via) {
        return TABLE.stream().filter(rule -> rule.via() == via)
                .filter(rule -> rule.from().contains(incident.status()) && actingRole(rule.party(), incident, actor).isPresent()
                        && !taken(rule, incident))
                .map(Rule::action).toList();
    }

    /** Whether {@code rule} may be taken once only and has been taken on this incident. */
    public static boolean taken(Rule rule, Incident incident) {
        return rule.once() != null && rule.once().taken().test(incident);
    }

    /**
     * The role under which {@code actor} is {@code party} for this incident (recorded in the flow), or empty
     * when they are not.
     */
    public static Optional<String> actingRole(Party party, Incident incident, Actor actor) {
        return switch (party) {
            case DISPATCHER -> actor.isStaff() && contains(actor.scopePath(), incident.ownerPath())
                    ? Role.highest(actor.roles(), DISPATCHER_ROLES) : Optional.empty();
            case ASSIGNEE -> incident.assigneeId() != null && incident.assigneeId() == actor.userId()
                    ? Optional.of(actor.isStaff() ? staffRole(actor) : HANDLER_ROLE) : Optional.empty();
            case VERIFIER -> actor.isStaff() && contains(actor.scopePath(), incident.regionPath())
                    && (incident.assigneeId() == null || incident.assigneeId() != actor.userId())
                    ? Role.highest(actor.roles(), VERIFIER_ROLES) : Optional.empty();
            case REPORTER -> incident.reporterId() == actor.userId()
                    ? Optional.of(actor.isStaff() ? Role.STAFF : Role.RESIDENT) : Optional.empty();
            case STAFF_REPORTER -> incident.reporterId() == actor.userId() ? reportingRole(party, actor)
                    : Optional.empty();
        };
    }

    /**
     * The role under which {@code actor}, reporting an incident, is {@code party} for a step taken with the
     * report (the incident does not exist yet: the reporter is the actor), or empty when they are not.
     */
    public static Optional<String> reportingRole(Party party, Actor actor) {
        return switch (party) {
            case REPORTER -> Optional.of(reporterRole(actor));
            case STAFF_REPORTER -> actor.isStaff() ? Optional.of(staffRole(actor)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The role a report is recorded under: a staff member's highest role, or resident. */
    public static String reporterRole(Actor actor) {
        return actor.isStaff() ? staffRole(actor) : Role.RESIDENT;
    }

    /** A staff member's highest staff role, or plain staff when they have none. */
    private static String staffRole(Actor actor) {
        return Role.highest(actor.roles(), VERIFIER_ROLES).orElse(Role.STAFF);
    }

    /** Refuses the step when it is spent ({@link Once}) or the request lacks what the step {@link Needs}. */
    public static void checkNeeds(Rule rule, Incident incident, boolean hasComment, boolean hasPhoto, boolean hasRating) {
        if (incident != null && taken(rule, incident)) {
            throw new Conflict(rule.once().code(), rule.once().messageZh(), rule.once().messageEn());
        }
        switch (rule.needs()) {
            case COMMENT -> {
                if (!hasComment) {
                    throw new Invalid("COMMENT_REQUIRED", "请填写说明（comment）", "A comment is required");
                }
            }
            case COMMENT_OR_PHOTO -> {
                if (!hasComment && !hasPhoto) {
                    throw new Invalid("RESULT_REQUIRED", "请填写处置说明或附上处置结果照片",
                            "Describe the result or attach a photo of it");
                }
            }
            case PHOTO -> {
                if (!hasPhoto) {
                    throw new Invalid("RESULT_PHOTO_REQUIRED", "就地解决的事件需要附上处置结果照片",
                            "An incident resolved on the spot needs a photo of the result");
                }
            }
            case INFO -> {
                if (!hasComment && !hasPhoto) {
                    throw new Invalid("INFO_REQUIRED", "请填写补充说明（comment）或附上照片（mediaIds）",
                            "Add a comment or photos");
                }
            }
            case RATING -> {
                if (!hasRating) {
                    throw new Invalid("RATING_REQUIRED", "请给出 1 到 5 星的评价（rating）",
                            "A rating of 1 to 5 stars is required");
                }
            }
            default -> {
            }
        }
    }

    /** Whether the ltree path {@code path} lies under (or is) {@code scope}. */
    public static boolean contains(String scope, String path) {
        return Actor.within(path, scope);
    }
}
