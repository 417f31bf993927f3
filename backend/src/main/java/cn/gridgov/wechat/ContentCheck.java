package cn.gridgov.wechat;

/**
 * WeChat's verdict on a piece of user content ({@code msgSecCheck} v2, or the {@code wxa_media_check} push):
 * its suggestion, the label of the leading category (100 is normal) and WeChat's trace id.
 */
public record ContentCheck(Suggest suggest, Integer label, String traceId) {

    /** What WeChat suggests doing with the content. */
    public enum Suggest {
        PASS, REVIEW, RISKY;

        /** WeChat's word ({@code pass}, {@code review}, {@code risky}); anything else is taken as review. */
        public static Suggest of(String word) {
            if (word == null) {
                return REVIEW;
            }
            return switch (word.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "pass" -> PASS;
                case "risky" -> RISKY;
                default -> REVIEW;
            };
        }

        /** WeChat's word for it. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The scene of a check, as WeChat numbers them: 1 profile, 2 comment, 3 forum, 4 social log. A request is a
     * post in a forum; an addition and a rating comment are comments.
     */
    public enum Scene {
        PROFILE(1), COMMENT(2), FORUM(3), SOCIAL_LOG(4);

        private final int code;

        Scene(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** A label as WeChat writes it: a number, or a number in a string. */
    static Integer label(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
