package cn.gridgov.region;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.party.PartyOrgKind;

import java.util.Locale;

/** The levels of the one tree, root first; each node sits exactly one level below its parent. */
public enum RegionLevel {
    COUNTY("县", PartyOrgKind.COUNTY_COMMITTEE), TOWN("乡镇", PartyOrgKind.TOWN_COMMITTEE),
    COMMUNITY("社区", PartyOrgKind.COMMUNITY_COMMITTEE), COMPOUND("小区", PartyOrgKind.COMPOUND_BRANCH),
    BUILDING("楼栋", PartyOrgKind.BUILDING_GROUP);

    private final String zh;
    private final PartyOrgKind partyOrgKind;

    RegionLevel(String zh, PartyOrgKind partyOrgKind) {
        this.zh = zh;
        this.partyOrgKind = partyOrgKind;
    }

    /** The kind of Party organisation that leads a node of this level. */
    public PartyOrgKind partyOrgKind() {
        return partyOrgKind;
    }

    /** The Chinese name of the level, for messages. */
    public String zh() {
        return zh;
    }

    /** 1 for the county, 5 for a building: the length of a node's path. */
    public int depth() {
        return ordinal() + 1;
    }

    /** Areas have a boundary; buildings a position and maybe a footprint. */
    public boolean isArea() {
        return this != BUILDING;
    }

    /** Parses a level name (any case); {@code null} when it is not one. */
    public static RegionLevel fromName(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Parses an optional level query parameter: {@code null} when absent, 400 when unknown. */
    public static RegionLevel parseParam(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        RegionLevel level = fromName(value);
        if (level == null) {
            throw DomainException.badRequest("BAD_LEVEL",
                    "level 只能是 COUNTY、TOWN、COMMUNITY、COMPOUND 或 BUILDING：" + value,
                    "level must be COUNTY, TOWN, COMMUNITY, COMPOUND or BUILDING: " + value);
        }
        return level;
    }
}
