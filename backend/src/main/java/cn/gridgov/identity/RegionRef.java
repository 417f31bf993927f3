package cn.gridgov.identity;

/** The few facts about a region node that identity needs: to bind staff and to scope what they see. */
public record RegionRef(long id, String code, String name, String level, String path) {
}
