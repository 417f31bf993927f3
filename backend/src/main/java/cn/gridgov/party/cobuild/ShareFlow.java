package cn.gridgov.party.cobuild;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.error.NotAllowed;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * THE table of a resource share's steps: from which status, to which, and which side takes it. The side that did not
 * start a share answers it (a community's request is answered by the unit, a unit's offer by the community); the
 * starter may cancel it while it waits; either side records the use of an accepted one. A community's admins act for
 * the community and, on its behalf, for the unit; the unit's contact (a mini-program user) acts for the unit only.
 */
public final class ShareFlow {

    /** A step on a share. */
    @Schema(name = "CobuildShareAction", description = "ACCEPT 接受、DECLINE 拒绝、CANCEL 取消、RECORD_USE 登记使用")
    public enum Action { ACCEPT, DECLINE, CANCEL, RECORD_USE }

    /** A side of a share. */
    public enum Side { COMMUNITY, UNIT }

    /** Who takes a step, relative to who started the share. */
    public enum Taker { RESPONDER, INITIATOR, EITHER }

    /** One row: {@code action} from {@code from} leads to {@code to}, taken by {@code taker}. */
    public record Rule(Action action, Set<String> from, String to, Taker taker) {
    }

    public static final String PENDING = "PENDING";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String DECLINED = "DECLINED";
    public static final String CANCELLED = "CANCELLED";
    public static final String USED = "USED";

    /** Every status, with its Chinese name for messages. */
    public static final Map<String, String> STATUS_NAMES = Map.of(PENDING, "待答复", ACCEPTED, "已接受",
            DECLINED, "已拒绝", CANCELLED, "已取消", USED, "已使用");

    public static final List<Rule> TABLE = List.of(
            new Rule(Action.ACCEPT, Set.of(PENDING), ACCEPTED, Taker.RESPONDER),
            new Rule(Action.DECLINE, Set.of(PENDING), DECLINED, Taker.RESPONDER),
            new Rule(Action.CANCEL, Set.of(PENDING), CANCELLED, Taker.INITIATOR),
            new Rule(Action.RECORD_USE, Set.of(ACCEPTED), USED, Taker.EITHER));

    private static final Map<Action, String> ACTION_NAMES = Map.of(Action.ACCEPT, "接受", Action.DECLINE, "拒绝",
            Action.CANCEL, "取消", Action.RECORD_USE, "登记使用");

    private ShareFlow() {
    }

    public static Rule rule(Action action) {
        return TABLE.stream().filter(r -> r.action() == action).findFirst().orElseThrow();
    }

    /** The side that starts a share of this kind. */
    public static Side initiator(ShareKind kind) {
        return kind == ShareKind.REQUEST ? Side.COMMUNITY : Side.UNIT;
    }

    /** Whether a caller acting for {@code sides} is the {@code taker} of a share of {@code kind}. */
    public static boolean takes(Taker taker, ShareKind kind, Set<Side> sides) {
        Side starter = initiator(kind);
        return switch (taker) {
            case INITIATOR -> sides.contains(starter);
            case RESPONDER -> sides.contains(starter == Side.COMMUNITY ? Side.UNIT : Side.COMMUNITY);
            case EITHER -> !sides.isEmpty();
        };
    }

    /** The steps a caller acting for {@code sides} may take on a share of {@code kind} in {@code status}, in table order. */
    public static List<Action> allowed(ShareKind kind, String status, Set<Side> sides) {
        return TABLE.stream().filter(r -> r.from().contains(status) && takes(r.taker(), kind, sides))
                .map(Rule::action).toList();
    }

    /** Refuses the step when the share's status or the caller's side does not allow it; answers the status it leads to. */
    public static String check(Action action, ShareKind kind, String status, Set<Side> sides, String reason) {
        Rule rule = rule(action);
        if (!rule.from().contains(status)) {
            throw new Conflict("SHARE_STATUS_CONFLICT", "该资源共享" + STATUS_NAMES.get(status) + "，不能"
                    + ACTION_NAMES.get(action), "The share is " + status + "; it cannot be " + action);
        }
        if (!takes(rule.taker(), kind, sides)) {
            throw new NotAllowed("SHARE_SIDE_FORBIDDEN", switch (rule.taker()) {
                case RESPONDER -> kind == ShareKind.REQUEST ? "社区的申请由共建单位答复" : "单位提供的资源由社区答复";
                case INITIATOR -> "只有发起的一方可以取消";
                case EITHER -> "只有社区或共建单位可以登记使用";
            }, "Your side may not " + action + " this share");
        }
        if (action == Action.DECLINE && (reason == null || reason.isBlank())) {
            throw new Invalid("REASON_REQUIRED", "拒绝时请填写原因（reason）", "A reason is required to decline");
        }
        return rule.to();
    }
}
