package cn.gridgov.notify.outbox;

import cn.gridgov.common.time.ApiTime;
import cn.gridgov.incident.IncidentAction;
import cn.gridgov.notify.EventType;
import cn.gridgov.notify.IncidentEvent;
import cn.gridgov.notify.NotifyConfig;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an event into subscribe messages: who gets one (the reporter and the assignee, not the person who
 * made the change), with which template, and the template data within WeChat's limits (thing: 20
 * characters, phrase: 5).
 */
@ApplicationScoped
public class OutboxMessages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> STATUS = Map.of("REPORTED", "已上报", "ACCEPTED", "已受理",
            "DISPATCHED", "已派单", "IN_PROGRESS", "处置中", "RESOLVED", "已处置", "CLOSED", "已办结",
            "REJECTED", "不予受理", "SUSPENDED", "已挂起", "WITHDRAWN", "已撤回");

    /** The Chinese name of an incident status ({@code ACCEPTED}: 已受理), as messages and other systems show it. */
    public static String statusName(String status) {
        return STATUS.getOrDefault(status, status);
    }

    private final NotifyConfig config;

    public OutboxMessages(NotifyConfig config) {
        this.config = config;
    }

    /** The template for the event's type, if one is configured. */
    public Optional<String> template(EventType type) {
        return Optional.ofNullable(config.templates().get(type.key())).filter(t -> !t.isBlank());
    }

    /** Who is told: reporter and assignee, each once, never the actor. */
    public List<Long> recipients(IncidentEvent e) {
        Set<Long> out = new LinkedHashSet<>();
        out.add(e.reporterId());
        if (e.assigneeId() != null) {
            out.add(e.assigneeId());
        }
        out.remove(e.actorId());
        return List.copyOf(out);
    }

    /** {page, data} of the message. */
    public JsonObject payload(IncidentEvent e) {
        NotifyConfig.Fields f = config.fields();
        JsonObject data = new JsonObject()
                .put(f.number(), value(Long.toString(e.incidentId())))
                .put(f.category(), value(cut(e.categoryName(), 20)))
                .put(f.status(), value(cut(status(e), 5)))
                .put(f.time(), value(TIME.format(ApiTime.of(e.at()))))
                .put(f.note(), value(cut(note(e), 20)));
        return new JsonObject().put("page", config.page().replace("{id}", Long.toString(e.incidentId())))
                .put("data", data);
    }

    private static String status(IncidentEvent e) {
        return switch (e.type()) {
            case YELLOW -> "即将超时";
            case RED -> "已超时";
            case ESCALATED -> "督办中";
            default -> e.action() == IncidentAction.ADD_INFO ? "补充信息" : STATUS.getOrDefault(e.status(), e.status());
        };
    }

    private static String note(IncidentEvent e) {
        if (e.comment() != null && !e.comment().isBlank()) {
            return e.comment().trim();
        }
        return switch (e.type()) {
            case CREATED -> "已收到上报，正在处理";
            case YELLOW -> "办理时限即将用完";
            case RED -> "已超过办理时限";
            case ESCALATED -> "上级已督办";
            case TRANSITIONED -> "事件状态已更新";
        };
    }

    private static JsonObject value(String v) {
        return new JsonObject().put("value", v);
    }

    /** {@code s} cut to {@code max} characters (WeChat's limit of a template value: thing 20, phrase 5), "…" marking the cut. */
    public static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
