package cn.gridgov.open311;

/** The attributes (extra questions) every service asks, as {@code attribute[code]} in a POST. */
public final class Open311Attributes {

    /** When it happened (ISO 8601 with offset); the report time when absent. */
    public static final String OCCURRED_AT = "occurred_at";

    private Open311Attributes() {
    }
}
