package cn.gridgov.party.cobuild;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What kind of body a co-building unit is. */
@Schema(name = "CobuildUnitKind", description = "AGENCY 机关、PUBLIC_INSTITUTION 事业单位、ENTERPRISE 企业、SOCIAL_ORGANISATION 社会组织")
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
