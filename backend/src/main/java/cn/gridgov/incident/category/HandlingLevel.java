package cn.gridgov.incident.category;

/** The level of the region tree whose organisation handles a category by default. */
public enum HandlingLevel {
    COMMUNITY, TOWN, COUNTY
}
