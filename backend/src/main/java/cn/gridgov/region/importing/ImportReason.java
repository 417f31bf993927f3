package cn.gridgov.region.importing;

/** Why an import refuses a feature, with the Chinese and English wording (format strings). */
public enum ImportReason {
    NOT_A_FEATURE("不是 GeoJSON Feature 对象", "not a GeoJSON Feature object"),
    MISSING_PROPERTY("缺少必填属性 %s", "required property %s is missing or blank"),
    BAD_PROPERTY("属性 %s 的类型错误（应为%s）", "property %s has the wrong type (expected %s)"),
    TOO_LONG("属性 %s 过长（最多 %s 个字符）", "property %s is too long (at most %s characters)"),
    BAD_LEVEL("level 无效：%s（应为 COUNTY、TOWN、COMMUNITY、COMPOUND 或 BUILDING）",
            "unknown level %s (expected COUNTY, TOWN, COMMUNITY, COMPOUND or BUILDING)"),
    DUPLICATE_CODE("编码 %s 在文件中重复（已被 features[%s] 使用）", "code %s is used twice in the file (first by features[%s])"),
    COUNTY_WITH_PARENT("县级节点不能有上级（parentCode 应为空）", "a COUNTY has no parent (parentCode must be absent)"),
    SECOND_COUNTY("只能有一个县级根节点，已有：%s", "there can be only one COUNTY root; there is already %s"),
    MISSING_GEOMETRY("缺少几何（geometry）", "the geometry is missing"),
    BAD_GEOMETRY("几何格式错误：%s", "malformed geometry: %s"),
    WRONG_GEOMETRY_TYPE("%s级节点的几何应为 %s，实际为 %s", "a %s must have a %s geometry, not %s"),
    COORDINATE_OUT_OF_RANGE("坐标超出范围：[%s, %s]（经度应在 -180..180，纬度应在 -90..90）",
            "coordinate out of range: [%s, %s] (longitude within -180..180, latitude within -90..90)"),
    INVALID_GEOMETRY("几何无效（如自相交）：%s", "invalid geometry (e.g. self-intersecting): %s"),
    UNKNOWN_PARENT("上级编码 %s 不存在（文件和已有数据中都没有）", "parent %s exists neither in the file nor in the tree"),
    LEVEL_MISMATCH("%s级节点不能直接挂在%s级节点 %s 之下", "a %s cannot sit directly under the %s %s"),
    CYCLE("上级关系形成循环：该要素是自己的祖先", "the parent chain loops: the feature is its own ancestor"),
    OUTSIDE_PARENT("超出上级 %s 的范围（允许误差 %s 米）", "lies outside its parent %s (beyond the %s m tolerance)"),
    CHILD_OUTSIDE("已有下级节点 %s 会超出新边界（允许误差 %s 米）",
            "the existing child %s would lie outside the new boundary (beyond the %s m tolerance)"),
    CHILDREN_LEVEL("改为%s级后，已有的 %s 个下级节点层级不再匹配", "as a %s, its %s existing children would no longer fit"),
    OUT_OF_SCOPE("不在您的管辖范围内：该要素或其上级不属于您负责的区域",
            "outside your area: the feature or its parent is not in the subtree you are responsible for");

    private final String zh;
    private final String en;

    ImportReason(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    String zh(Object... args) {
        return zh.formatted(args);
    }

    String en(Object... args) {
        return en.formatted(args);
    }
}
