package cn.gridgov.common.error;

/** The request names something outside the area it may reach, e.g. an assignee beyond the owner's subtree (400). */
public class OutOfScope extends Invalid {

    public OutOfScope(String code, String zh, String en) {
        super(code, zh, en);
    }
}
