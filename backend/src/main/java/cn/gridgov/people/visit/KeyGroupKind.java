package cn.gridgov.people.visit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The key-group kinds (重点人群) a person's tags may hold, with their Chinese names. Their default visit intervals
 * are data (key_group_rule, county 0), not constants here: the database's list and this one are tested to agree.
 */
public enum KeyGroupKind {
    /** 独居老人 */
    ELDERLY_ALONE("独居老人"),
    /** 残疾人 */
    DISABLED("残疾人"),
    /** 低保户 */
    LOW_INCOME("低保户"),
    /** 留守儿童 */
    LEFT_BEHIND_CHILD("留守儿童");

    private final String zh;

    KeyGroupKind(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** The kind named by its code ({@code ELDERLY_ALONE}). */
    public static Optional<KeyGroupKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(t) || k.zh.equals(t)).findFirst();
    }
}
