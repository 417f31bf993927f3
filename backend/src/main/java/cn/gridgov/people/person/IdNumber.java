package cn.gridgov.people.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A resident identity card number (公民身份号码, GB 11643-1999): 6 digits of the place of registration, the birth
 * date (yyyyMMdd), a 3-digit sequence whose last digit is odd for men and even for women, and a check character
 * (ISO 7064 MOD 11-2, {@code X} for 10). The one place that checks one and reads its birth date and gender.
 */
public record IdNumber(String value, LocalDate birthDate, Gender gender) {

    /** Gender as the ID number tells it. */
    public enum Gender {
        MALE, FEMALE
    }

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    /** Why a text is not a valid ID number, in Chinese and English. */
    public record Problem(String zh, String en) {
    }

    /** The outcome of {@link #parse}: the number, or why not. */
    public record Parsed(IdNumber number, Problem problem) {
    }

    /**
     * Reads {@code text} (spaces stripped, a lower-case {@code x} accepted) as an 18-digit ID number born no later
     * than {@code today}.
     */
    public static Parsed parse(String text, LocalDate today) {
        String v = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (!v.matches("\\d{17}[\\dX]")) {
            return bad("身份证号应为 18 位（前 17 位为数字，最后一位为数字或 X）",
                    "an ID number has 18 characters: 17 digits and a digit or X");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
        } catch (DateTimeException e) {
            return bad("身份证号中的出生日期无效：" + v.substring(6, 14), "the birth date in the ID number is invalid");
        }
        if (birth.isBefore(EARLIEST) || birth.isAfter(today)) {
            return bad("身份证号中的出生日期不合理：" + v.substring(6, 14), "the birth date in the ID number is implausible");
        }
        if (checkChar(v) != v.charAt(17)) {
            return bad("身份证号校验位不正确（请核对号码）", "the ID number's check character is wrong");
        }
        Gender gender = (v.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
        return new Parsed(new IdNumber(v, birth, gender), null);
    }

    /** The 18-digit number made of the 17 digits {@code first17} and their check character. */
    public static String withCheck(String first17) {
        return first17 + checkChar(first17);
    }

    /** The check character of the first 17 digits of {@code v}. */
    static char checkChar(String v) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (v.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    private static Parsed bad(String zh, String en) {
        return new Parsed(null, new Problem(zh, en));
    }
}
