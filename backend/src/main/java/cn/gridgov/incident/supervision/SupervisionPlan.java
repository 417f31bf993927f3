package cn.gridgov.incident.supervision;

import cn.gridgov.incident.deadline.DeadlineCalculator;
import cn.gridgov.incident.deadline.DeadlineUnit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What supervision does to one incident now, and nothing it did before: yellow once most of its working time
 * is used, red once overdue, and 督办 by the node above the highest one involved so far, once per node, up to
 * the root. Pure: the scheduler reads the state, asks, and writes the answer.
 */
final class SupervisionPlan {

    /** One step. {@code nodeId}/{@code nodePath}: the node pressing on the incident (督办 only). */
    record Step(Kind kind, Long nodeId, String nodePath, int level) {
    }

    enum Kind { WARN, OVERDUE, SUPERVISE }

    private SupervisionPlan() {
    }

    static List<Step> next(SupervisionCandidate c, DeadlineCalculator calc, Instant now, double warnShare,
                           Duration escalateEvery) {
        List<Step> steps = new ArrayList<>();
        boolean overdue = !now.isBefore(c.deadlineAt());
        if (c.warnedAt() == null && !overdue) {
            Duration allowance = allowance(calc, c);
            Duration left = calc.workingTimeBetween(now, c.deadlineAt());
            if (left.toMillis() <= allowance.toMillis() * (1 - warnShare)) {
                steps.add(new Step(Kind.WARN, null, null, 0));
            }
        }
        if (!overdue) {
            return steps;
        }
        boolean firstTime = c.overdueAt() == null;
        if (firstTime) {
            steps.add(new Step(Kind.OVERDUE, null, null, 0));
        }
        Instant since = c.escalatedAt() != null ? c.escalatedAt() : c.overdueAt();
        boolean due = firstTime || since == null
                || calc.workingTimeBetween(since, now).compareTo(escalateEvery) >= 0;
        String top = highest(c.ownerPath(), c.supervisorPath());
        int dot = top.lastIndexOf('.');
        if (due && dot > 0) {
            String parentPath = top.substring(0, dot);
            long parentId = Long.parseLong(parentPath.substring(parentPath.lastIndexOf('.') + 1));
            steps.add(new Step(Kind.SUPERVISE, parentId, parentPath, c.level() + 1));
        }
        return steps;
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
