package cn.gridgov.people.person;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A person as a form sends it (new, or edited with the version read). */
@Schema(name = "PeoplePersonRequest", description = "人员信息")
public record PersonRequest(
        @Schema(description = "姓名", example = "张小明") String name,
        @Schema(description = "身份证号（18 位，校验位正确；可不填）", nullable = true, example = "110101199003074514") String idNumber,
        @Schema(description = "手机号或固定电话（可不填）", nullable = true, example = "13812341234") String phone,
        @Schema(description = "与户主关系：HEAD 户主、SPOUSE 配偶、CHILD 子女、PARENT 父母、GRANDCHILD 孙子女、GRANDPARENT 祖父母、"
                + "SIBLING 兄弟姐妹、TENANT 租户、OTHER 其他（也可写中文）", example = "HEAD") String relation,
        @Schema(description = "重点人群标签：ELDERLY_ALONE 独居老人、DISABLED 残疾人、LOW_INCOME 低收入、LEFT_BEHIND_CHILD 留守儿童"
                + "（居民本人修改时忽略）", nullable = true) List<String> tags,
        @Schema(description = "关联的党员记录编号（须在辖区内；居民本人修改时忽略）", nullable = true) Long partyMemberId,
        @Schema(description = "关联的志愿者编号（居民本人修改时忽略）", nullable = true) Long volunteerId,
        @Schema(description = "修改时必填：读取时的版本号", nullable = true) Integer version) {
}
