package cn.gridgov.party.cobuild;

/** What kind of body a co-building unit is. */
public enum UnitKind {
    /** 机关 */
    AGENCY,
    /** 事业单位 */
    PUBLIC_INSTITUTION,
    /** 企业 */
    ENTERPRISE,
    /** 社会组织 */
    SOCIAL_ORGANISATION
}
