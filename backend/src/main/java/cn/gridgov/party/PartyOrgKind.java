package cn.gridgov.party;

import cn.gridgov.region.RegionLevel;

/** The Party organisation that leads each level of the tree: 县委, 乡镇党委, 社区党委, 小区党支部, 楼栋党小组. */
public enum PartyOrgKind {
    COUNTY_COMMITTEE("党委"), TOWN_COMMITTEE("党委"), COMMUNITY_COMMITTEE("党委"), COMPOUND_BRANCH("党支部"),
    BUILDING_GROUP("党小组");

    private final String nameSuffix;

    PartyOrgKind(String nameSuffix) {
        this.nameSuffix = nameSuffix;
    }

    /** The kind of organisation a node of this level has. */
    public static PartyOrgKind forLevel(RegionLevel level) {
        return switch (level) {
            case COUNTY -> COUNTY_COMMITTEE;
            case TOWN -> TOWN_COMMITTEE;
            case COMMUNITY -> COMMUNITY_COMMITTEE;
            case COMPOUND -> COMPOUND_BRANCH;
            case BUILDING -> BUILDING_GROUP;
        };
    }

    /** The name an organisation gets when the import does not give one, e.g. "阳光小区党支部". */
    public String defaultName(String regionName) {
        return regionName + nameSuffix;
    }
}
