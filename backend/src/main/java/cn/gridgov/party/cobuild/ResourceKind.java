package cn.gridgov.party.cobuild;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a co-building unit offers. */
@Schema(name = "CobuildResourceKind", description = "VENUE 场地、EQUIPMENT 设备、VOLUNTEER_SERVICE 志愿服务、FUNDS 资金")
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
