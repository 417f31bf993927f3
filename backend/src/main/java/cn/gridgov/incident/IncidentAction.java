package cn.gridgov.incident;

/**
 * What can happen to an incident. REPORT and SELF_RESOLVE are written by reporting only; WARN (yellow: most of
 * the time used), OVERDUE (red) and SUPERVISE (督办 by a node above) by the supervision scheduler only;
 * ADD_INFO and WITHDRAW through the residents' endpoints and REOPEN through a revisit's; the
 * {@link #DEPARTMENT_STEPS} are those of 吹哨报到 (the department package writes them; the incident's status stays
 * as it is); the others are the transitions of {@code POST /api/v1/incidents/{id}/transitions}; all allowed as
 * {@link Workflow} says.
 */
public enum IncidentAction {
    REPORT, SELF_RESOLVE,
    ACCEPT, REJECT, DISPATCH, START, RETURN, RESOLVE, VERIFY_PASS, VERIFY_FAIL, ESCALATE, SUSPEND, RESUME, RATE,
    WARN, OVERDUE, SUPERVISE,
    /** A resident's own steps on an open request (#13 §2): adding information, withdrawing it. */
    ADD_INFO, WITHDRAW,
    /** A revisit (回访) after a low rating reopens a closed incident. */
    REOPEN,
    /** The steps of 吹哨报到 (#11 §3). */
    WHISTLE, DEPT_REPORT, DEPT_REFUSE, ARBITRATE, DEPT_WORK, DEPT_RESOLVE, DEPT_VERIFY_PASS, DEPT_SEND_BACK,
    /** Supervision of a called department's deadlines (#11 §3): yellow, red (the scheduler), 督办 by the county. */
    DEPT_WARN, DEPT_OVERDUE, DEPT_SUPERVISE;

    /** The steps of department calls (吹哨报到 and its supervision): flow rows of an incident, not its transitions. */
    public static final java.util.Set<IncidentAction> DEPARTMENT_STEPS =
            java.util.Collections.unmodifiableSet(java.util.EnumSet.range(WHISTLE, DEPT_SUPERVISE));
}
