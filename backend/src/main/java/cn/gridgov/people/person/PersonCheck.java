package cn.gridgov.people.person;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a person's fields, for a form and an import row alike: name, ID number (GB 11643 checksum),
 * phone, relation and key-group tags. Returns the checked draft or every problem, each naming its field.
 */
public final class PersonCheck {

    /** A mobile number, or a landline with its area code. */
    private static final Pattern PHONE = Pattern.compile("1\\d{10}|0\\d{2,3}-?\\d{7,8}");
    private static final int NAME_MAX = 64;

    private PersonCheck() {
    }

    /** A field's problem in Chinese and English. */
    public record Problem(String field, String zh, String en) {
    }

    /** A person whose fields passed the checks (ID number and phone normalised, possibly null). */
    public record Draft(String name, IdNumber idNumber, String phone, Relation relation, List<KeyGroup> tags,
                        Long partyMemberId, Long volunteerId) {
    }

    /** The draft, or (draft null) the problems. */
    public record Result(Draft draft, List<Problem> problems) {
    }

    public static Result check(PersonRequest r, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        String name = blankToNull(r.name());
        if (name == null) {
            problems.add(new Problem("name", "请填写姓名", "name is required"));
        } else if (name.length() > NAME_MAX) {
            problems.add(new Problem("name", "姓名过长（最多 " + NAME_MAX + " 字）", "name is too long"));
        }
        IdNumber idNumber = null;
        String id = blankToNull(r.idNumber());
        if (id != null) {
            IdNumber.Parsed parsed = IdNumber.parse(id, today);
            if (parsed.problem() != null) {
                problems.add(new Problem("idNumber", parsed.problem().zh(), parsed.problem().en()));
            }
            idNumber = parsed.number();
        }
        String phone = blankToNull(r.phone());
        if (phone != null) {
            phone = phone.replace(" ", "");
            if (!PHONE.matcher(phone).matches()) {
                problems.add(new Problem("phone", "电话号码格式不正确（手机号 11 位，固定电话带区号）：" + r.phone(),
                        "not a phone number: " + r.phone()));
            }
        }
        Relation relation = null;
        if (blankToNull(r.relation()) == null) {
            problems.add(new Problem("relation", "请填写与户主关系", "relation is required"));
        } else {
            relation = Relation.parse(r.relation()).orElse(null);
            if (relation == null) {
                problems.add(new Problem("relation", "与户主关系无效：" + r.relation()
                        + "（应为 户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、租户 或 其他）", "unknown relation: " + r.relation()));
            }
        }
        Set<KeyGroup> tags = new LinkedHashSet<>();
        for (String t : r.tags() == null ? List.<String>of() : r.tags()) {
            if (blankToNull(t) == null) {
                continue;
            }
            KeyGroup.parse(t).ifPresentOrElse(tags::add, () -> problems.add(new Problem("tags", "标签无效：" + t
                    + "（应为 独居老人、残疾人、低收入 或 留守儿童）", "unknown tag: " + t)));
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new Draft(name, idNumber, phone, relation, List.copyOf(tags), r.partyMemberId(),
                r.volunteerId()), List.of());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
