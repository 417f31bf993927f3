package cn.gridgov.party;

import java.util.Set;

/**
 * The kinds of Party organisation: the one that leads each level of the tree (县委, 乡镇党委, 社区党委, 小区党支部,
 * 楼栋党小组), and the branches a community committee sets up across nodes (联合党支部, 功能型党支部).
 */
public enum PartyOrgKind {
    COUNTY_COMMITTEE("党委"), TOWN_COMMITTEE("党委"), COMMUNITY_COMMITTEE("党委"), COMPOUND_BRANCH("党支部"),
    BUILDING_GROUP("党小组"), JOINT_BRANCH("联合党支部"), FUNCTIONAL_BRANCH("功能型党支部");

    /** The kinds that lead no single node of the tree and cover several compounds or buildings instead. */
    public static final Set<PartyOrgKind> ACROSS_NODES = Set.of(JOINT_BRANCH, FUNCTIONAL_BRANCH);

    private final String nameSuffix;

    PartyOrgKind(String nameSuffix) {
        this.nameSuffix = nameSuffix;
    }

    /** Whether an organisation of this kind leads one node (the four levels and the county). */
    public boolean leadsNode() {
        return !ACROSS_NODES.contains(this);
    }

    /** The name an organisation gets when the import does not give one, e.g. "阳光小区党支部". */
    public String defaultName(String regionName) {
        return regionName + nameSuffix;
    }
}
