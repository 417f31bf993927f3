package cn.gridgov.party;

/** The Party organisation of one region node, as clients see it. */
public record PartyOrg(long id, PartyOrgKind kind, String name, String secretary) {
}
