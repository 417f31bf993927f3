package cn.gridgov.incident.supervision;

import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.DeadlineUnit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What supervision does to one incident now, and nothing it did before: yellow once most of its working time
 * is used, red once overdue, and 督办 by the node above the highest one involved so far, once per node, up to
 * the root. Pure: the scheduler reads the state, asks, and writes the answer.
 */
public final class SupervisionPlan {

    /** One step. {@code nodeId}/{@code nodePath}: the node pressing on the incident (督办 only). */
    record Step(Kind kind, Long nodeId, String nodePath, int level) {
    }

    /** What a step does. */
    public enum Kind { WARN, OVERDUE, SUPERVISE }

    private SupervisionPlan() {
    }

    static List<Step> next(SupervisionCandidate c, DeadlineCalculator calc, Instant now, double warnShare,
                           Duration escalateEvery) {
        List<Step> steps = new ArrayList<>();
        List<Kind> marks = marks(calc, allowance(calc, c), c.deadlineAt(), now, warnShare, c.warnedAt() != null,
                c.overdueAt() != null);
        marks.forEach(kind -> steps.add(new Step(kind, null, null, 0)));
        press(c.ownerPath(), c.supervisorPath(), c.level(), c.deadlineAt(), c.overdueAt(), c.escalatedAt(), now, calc,
                escalateEvery).ifPresent(p -> steps.add(new Step(Kind.SUPERVISE, p.nodeId(), p.nodePath(), p.level())));
        return steps;
    }

    /** A 督办: the node {@code nodeId} at {@code nodePath} presses on it, at {@code level} above the owner. */
    public record Press(long nodeId, String nodePath, int level) {
    }

    /**
     * The one rule for 督办 up the tree of anything overdue (an incident, a missed key-group visit): once its
     * {@code deadline} has passed, the node above the highest one involved so far ({@code ownerPath} or the last
     * {@code supervisorPath}) presses on it, at once when it first turns red ({@code overdueAt} still null), then
     * again each {@code escalateEvery} of working time since the last press, up to the root.
     */
    public static Optional<Press> press(String ownerPath, String supervisorPath, int level, Instant deadline,
                                        Instant overdueAt, Instant escalatedAt, Instant now, DeadlineCalculator calc,
                                        Duration escalateEvery) {
        if (now.isBefore(deadline)) {
            return Optional.empty();
        }
        boolean firstTime = overdueAt == null;
        Instant since = escalatedAt != null ? escalatedAt : overdueAt;
        boolean due = firstTime || since == null
                || calc.workingTimeBetween(since, now).compareTo(escalateEvery) >= 0;
        String top = highest(ownerPath, supervisorPath);
        int dot = top.lastIndexOf('.');
        if (!due || dot <= 0) {
            return Optional.empty();
        }
        String parentPath = top.substring(0, dot);
        long parentId = Long.parseLong(parentPath.substring(parentPath.lastIndexOf('.') + 1));
        return Optional.of(new Press(parentId, parentPath, level + 1));
    }

    /**
     * The one rule for the yellow and red marks of any deadline (an incident's, a department call's report and
     * handling): yellow once the working time left is at most {@code 1 - warnShare} of {@code allowance} (unless
     * already overdue), red once {@code deadline} has passed; each only if not given before.
     */
    public static List<Kind> marks(DeadlineCalculator calc, Duration allowance, Instant deadline, Instant now,
                                   double warnShare, boolean warned, boolean overdue) {
        List<Kind> out = new ArrayList<>(1);
        boolean past = !now.isBefore(deadline);
        if (!warned && !past) {
            Duration left = calc.workingTimeBetween(now, deadline);
            if (left.toMillis() <= allowance.toMillis() * (1 - warnShare)) {
                out.add(Kind.WARN);
            }
        }
        if (past && !overdue) {
            out.add(Kind.OVERDUE);
        }
        return out;
    }

    /**
     * The steps for one deadline of a department call (to report, or to resolve): its yellow and red marks by
     * {@link #marks}, and once it has passed, 督办 by the county (the root of the tree), once per deadline. A call is
     * escalated straight to the county: departments are the county's (条), not a node of the tree.
     */
    public static List<Kind> callSteps(DeadlineCalculator calc, Duration allowance, Instant deadline, Instant now,
                                       double warnShare, boolean warned, boolean overdue, boolean escalated) {
        List<Kind> out = new ArrayList<>(marks(calc, allowance, deadline, now, warnShare, warned, overdue));
        if (!now.isBefore(deadline) && !escalated) {
            out.add(Kind.SUPERVISE);
        }
        return out;
    }

    /** The incident's full working time, as its category gives it. */
    static Duration allowance(DeadlineCalculator calc, SupervisionCandidate c) {
        return c.deadlineUnit() == DeadlineUnit.WORKING_HOURS
                ? Duration.ofHours(c.deadlineAmount())
                : calc.hours().dayLength().multipliedBy(c.deadlineAmount());
    }

    /** Of two paths on one chain, the one nearer the root (the other when one is missing). */
    static String highest(String ownerPath, String supervisorPath) {
        if (supervisorPath == null) {
            return ownerPath;
        }
        return depth(supervisorPath) < depth(ownerPath) ? supervisorPath : ownerPath;
    }

    private static int depth(String path) {
        return path.split("\\.").length;
    }
}
