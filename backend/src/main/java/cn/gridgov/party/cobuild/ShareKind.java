package cn.gridgov.party.cobuild;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who started a resource share: the community asking for the resource, or the unit offering it. */
@Schema(name = "CobuildShareKind", description = "REQUEST 社区申请，OFFER 单位提供")
public enum ShareKind {
    /** 社区申请 */
    REQUEST,
    /** 单位提供 */
    OFFER
}
