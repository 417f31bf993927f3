package cn.gridgov.party.cobuild;

/** Who started a resource share: the community asking for the resource, or the unit offering it. */
public enum ShareKind {
    /** 社区申请 */
    REQUEST,
    /** 单位提供 */
    OFFER
}
