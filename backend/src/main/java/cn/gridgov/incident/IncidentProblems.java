package cn.gridgov.incident;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotAllowed;
import cn.gridgov.common.error.StaleVersion;

import java.time.Duration;
import java.util.List;

/** The refusals of the incident pipeline, with their stable codes. */
public final class IncidentProblems {

    private IncidentProblems() {
    }

    /** Absent or outside the caller's scope: the two look the same. */
    public static DomainException notFound(long id) {
        return DomainException.notFound("incident", "事件", id);
    }

    public static DomainException staleVersion(long id) {
        return new StaleVersion("事件已被他人处理，请刷新后重试",
                "The incident was changed meanwhile; reload it and retry: " + id);
    }

    /** The tree was re-districted between locating a report and writing it: locating again gives the new chain. */
    public static DomainException regionMoved() {
        return DomainException.conflict("REGION_MOVED", "网格区划刚刚调整，请重新提交",
                "The region tree was just re-districted; submit again");
    }

    /** The action does not apply in the current state; lists what the caller may do instead. */
    public static DomainException actionNotAllowed(IncidentAction action, IncidentStatus status,
                                                   List<IncidentAction> allowed) {
        return DomainException.conflict("ACTION_NOT_ALLOWED",
                        "事件当前状态（" + status + "）下不能执行 " + action + "，可执行：" + names(allowed),
                        "Action " + action + " is not allowed in state " + status + "; allowed: " + names(allowed))
                .with("incidentStatus", status.name(), status.name())
                .with("allowedActions", allowed, allowed);
    }

    /** A request that has ended (closed, rejected, withdrawn) takes no more additions, withdrawal or the like. */
    public static DomainException ended(IncidentAction action, IncidentStatus status) {
        String zh = switch (status) {
            case CLOSED -> "已办结";
            case REJECTED -> "已不予受理";
            default -> "已撤回";
        };
        return DomainException.conflict("REQUEST_ENDED", "该诉求" + zh + "，不能再补充信息或撤回",
                        "The request has ended (" + status + "); " + action + " is no longer possible")
                .with("incidentStatus", status.name(), status.name());
    }

    /** Rating after the window that follows closing. */
    public static DomainException ratingWindowOver(Duration window) {
        return DomainException.conflict("RATING_WINDOW_OVER", "已超过评价期限（办结后 " + window.toDays() + " 天内可评价）",
                "Ratings are accepted within " + window.toDays() + " days of closing");
    }

    /** The action applies in this state, but not for this caller. */
    public static DomainException actionForbidden(IncidentAction action, List<IncidentAction> allowed) {
        return new NotAllowed("ACTION_FORBIDDEN", "您无权对该事件执行 " + action + "，可执行：" + names(allowed),
                "You may not take action " + action + " on this incident; allowed: " + names(allowed))
                .with("allowedActions", allowed, allowed);
    }

    private static String names(List<IncidentAction> actions) {
        return actions.isEmpty() ? "无" : String.join(", ", actions.stream().map(Enum::name).toList());
    }
}
