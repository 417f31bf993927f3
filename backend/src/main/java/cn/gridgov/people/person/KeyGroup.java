package cn.gridgov.people.person;

import java.util.Arrays;
import java.util.Optional;

/**
 * The key groups (重点人群) a person can be tagged with ({@code person.tags}); the visits work reads them. Each has
 * the Chinese word imports and forms use.
 */
public enum KeyGroup {
    /** 独居老人 */
    ELDERLY_ALONE("独居老人"),
    /** 残疾人 */
    DISABLED("残疾人"),
    /** 低收入 */
    LOW_INCOME("低收入"),
    /** 留守儿童 */
    LEFT_BEHIND_CHILD("留守儿童");

    private final String zh;

    KeyGroup(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** The kind named by its code or its Chinese word ({@code DISABLED} or {@code 残疾人}). */
    public static Optional<KeyGroup> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(t) || k.zh.equals(t)).findFirst();
    }
}
