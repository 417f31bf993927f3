package cn.gridgov.party;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Party organisation of one region node, as clients see it. */
public record PartyOrg(long id, PartyOrgKind kind, String name, @Schema(nullable = true) String secretary) {
}
