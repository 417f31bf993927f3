package cn.gridgov.party.cobuild;

/** What a co-building unit offers. */
public enum ResourceKind {
    /** 场地 */
    VENUE,
    /** 设备 */
    EQUIPMENT,
    /** 志愿服务 */
    VOLUNTEER_SERVICE,
    /** 资金 */
    FUNDS
}
