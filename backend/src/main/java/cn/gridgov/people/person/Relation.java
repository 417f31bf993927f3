package cn.gridgov.people.person;

import java.util.Arrays;
import java.util.Optional;

/** A person's relation to the head of their household (与户主关系), with the Chinese words imports and forms use. */
public enum Relation {
    HEAD("户主"), SPOUSE("配偶"), CHILD("子女"), PARENT("父母"), GRANDCHILD("孙子女"), GRANDPARENT("祖父母"),
    SIBLING("兄弟姐妹"), TENANT("租户"), OTHER("其他");

    private final String zh;

    Relation(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** The relation named by its code or its Chinese word ({@code HEAD} or {@code 户主}). */
    public static Optional<Relation> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(t) || r.zh.equals(t)).findFirst();
    }
}
