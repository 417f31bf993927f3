package cn.gridgov.people.person;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A person as every answer shows them: ID number and phone masked. */
@Schema(name = "PeoplePersonView", description = "人员（身份证号、手机号均已脱敏）")
public record PersonView(long id, long householdId, String name,
                         @Schema(description = "脱敏身份证号", nullable = true, example = "1101**********4514") String idNumber,
                         @Schema(description = "脱敏手机号", nullable = true, example = "138****1234") String phone,
                         @Schema(description = "性别（由身份证号得出）：MALE、FEMALE", nullable = true) String gender,
                         @Schema(description = "出生日期（由身份证号得出）", nullable = true, example = "1990-03-07") String birthDate,
                         @Schema(description = "与户主关系", example = "HEAD") String relation,
                         @Schema(description = "重点人群标签") List<String> tags,
                         @Schema(nullable = true) Long partyMemberId, @Schema(nullable = true) Long volunteerId,
                         int version) {
}
