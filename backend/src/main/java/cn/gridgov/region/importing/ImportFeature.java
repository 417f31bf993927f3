package cn.gridgov.region.importing;

import cn.gridgov.party.PartyOrgKind;
import cn.gridgov.region.RegionLevel;

/**
 * One feature of an import file as read: its properties, the party organisation it gets, and its geometry as
 * hex EWKB in WGS-84. {@code sound} is false when reading already found a problem with it (it is still loaded,
 * so that checks of other features, e.g. of its children, do not report it again as missing).
 */
record ImportFeature(int index, String code, String parentCode, String name, RegionLevel level,
                     String attributesJson, PartyOrgKind partyKind, String partyName, String partySecretary,
                     String geometryHex, boolean sound) {
}
