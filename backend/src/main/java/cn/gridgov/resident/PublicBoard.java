package cn.gridgov.resident;

import cn.gridgov.incident.IncidentSource;
import cn.gridgov.incident.IncidentStatus;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * THE rule of what the public board (政务公开) shows, and how: public requests from the public once closed, public
 * reports of staff while worked on and once closed (not rejected or withdrawn), and never personal data.
 * The SQL predicate is rendered from these sets ({@link #sql}).
 */
public final class PublicBoard {

    /** Requests from the public: residents in the mini program, the 12345 hotline, Open311 clients. */
    public static final Set<IncidentSource> REQUESTS =
            Collections.unmodifiableSet(EnumSet.of(IncidentSource.RESIDENT, IncidentSource.HOTLINE, IncidentSource.OPEN311));

    /** A public request is shown in these states only. */
    public static final Set<IncidentStatus> REQUEST_SHOWN = Collections.unmodifiableSet(EnumSet.of(IncidentStatus.CLOSED));

    /** A public staff report (grid report, patrol, task from above) is shown in these states. */
    public static final Set<IncidentStatus> STAFF_REPORT_SHOWN = Collections.unmodifiableSet(
            EnumSet.complementOf(EnumSet.of(IncidentStatus.REJECTED, IncidentStatus.WITHDRAWN)));

    /** Digits that may be a phone, ID card or account number (seven or more, separators allowed), and e-mail addresses. */
    private static final Pattern CONTACT = Pattern.compile(
            "\\d[\\d\\s\\-－—]{5,}\\d|[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");

    /** What a hidden reporter is called; staff are shown by their kind of work only. */
    static final String ANONYMOUS = "匿名居民";
    static final String RESIDENT = "居民";
    static final String STAFF = "网格员";

    private PublicBoard() {
    }

    /** The predicate on alias {@code i}: public, and in a state its kind is shown in. */
    public static String sql() {
        return "(i.is_public AND ((i.source IN " + sources(REQUESTS) + " AND i.status IN "
                + IncidentStatus.sql(REQUEST_SHOWN) + ") OR (i.source NOT IN " + sources(REQUESTS)
                + " AND i.status IN " + IncidentStatus.sql(STAFF_REPORT_SHOWN) + ")))";
    }

    /** The same rule in Java. */
    public static boolean shows(boolean isPublic, IncidentSource source, IncidentStatus status) {
        return isPublic && (REQUESTS.contains(source) ? REQUEST_SHOWN : STAFF_REPORT_SHOWN).contains(status);
    }

    /**
     * The text with anything that looks like a phone number, ID number or e-mail address replaced by ***, and the
     * reporter's own nickname (a name they may have signed with) by **.
     */
    public static String scrub(String text, String nickname) {
        if (text == null) {
            return null;
        }
        String out = CONTACT.matcher(text).replaceAll("***");
        if (nickname != null && nickname.trim().codePointCount(0, nickname.trim().length()) >= 2) {
            out = out.replace(nickname.trim(), "**");
        }
        return out;
    }

    /**
     * Who reported it, as the board says it: staff by their kind of work, an anonymous resident as such, another
     * resident by the first character of their nickname and two stars (never a name).
     */
    public static String reporter(IncidentSource source, boolean anonymous, String nickname) {
        if (!REQUESTS.contains(source)) {
            return STAFF;
        }
        if (anonymous || nickname == null || nickname.isBlank()) {
            return anonymous ? ANONYMOUS : RESIDENT;
        }
        String trimmed = nickname.trim();
        return trimmed.substring(0, trimmed.offsetByCodePoints(0, 1)) + "**";
    }

    private static String sources(Set<IncidentSource> sources) {
        return EnumSet.copyOf(sources).stream().map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
