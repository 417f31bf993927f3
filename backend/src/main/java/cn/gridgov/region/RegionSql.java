package cn.gridgov.region;

/**
 * The region table as other domains' SQL may use it, written here once: the columns of the node a row is bound
 * to, the nodes above one, and "lies within a scope". Other domains compose these fragments into their
 * own queries instead of naming the region table themselves (one join instead of a round trip per row).
 */
public final class RegionSql {

    private RegionSql() {
    }

    /** Joins the node {@code idColumn} names as {@code alias} (columns: id, name, level, path, parent_id). */
    public static String joinNode(String alias, String idColumn) {
        return " JOIN region " + alias + " ON " + alias + ".id = " + idColumn + " ";
    }

    /**
     * SQL: the node joined as {@code alias} is the node with id {@code regionIdExpr} or one above it. A path is the
     * ids of the chain from the county down, so those are read from it and found by primary key (a handful of
     * probes) rather than by containment on the path index, which grows with the tree.
     */
    public static String atOrAbove(String alias, String regionIdExpr) {
        return alias + ".id = ANY ((SELECT string_to_array(ltree2text(path), '.')::bigint[] FROM region WHERE id = "
                + regionIdExpr + ")::bigint[])";
    }

    /** SQL: how deep a node joined as {@code alias} is (the county is 1). */
    public static String depth(String alias) {
        return "nlevel(" + alias + ".path)";
    }

    /** SQL: the node joined as {@code alias} lies within the scope given as ltree text {@code scopeExpr}. */
    public static String within(String alias, String scopeExpr) {
        return alias + ".path <@ " + scopeExpr + "::ltree";
    }

    /** SQL: the node joined as {@code alias} lies under (or is) the node with id {@code regionIdExpr}. */
    public static String under(String alias, String regionIdExpr) {
        return alias + ".path <@ (SELECT path FROM region WHERE id = " + regionIdExpr + ")";
    }

    /** SQL: the path of the node joined as {@code alias}, as text. */
    public static String pathText(String alias) {
        return "ltree2text(" + alias + ".path)";
    }
}
