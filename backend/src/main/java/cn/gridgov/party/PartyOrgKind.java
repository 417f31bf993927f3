package cn.gridgov.party;

/** The Party organisation that leads each level of the tree: 县委, 乡镇党委, 社区党委, 小区党支部, 楼栋党小组. */
public enum PartyOrgKind {
    COUNTY_COMMITTEE("党委"), TOWN_COMMITTEE("党委"), COMMUNITY_COMMITTEE("党委"), COMPOUND_BRANCH("党支部"),
    BUILDING_GROUP("党小组");

    private final String nameSuffix;

    PartyOrgKind(String nameSuffix) {
        this.nameSuffix = nameSuffix;
    }

    /** The name an organisation gets when the import does not give one, e.g. "阳光小区党支部". */
    public String defaultName(String regionName) {
        return regionName + nameSuffix;
    }
}
