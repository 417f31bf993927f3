package cn.gridgov.region;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.List;

/**
 * A domain that copies region paths onto its own rows (incidents, their supervision) and so must follow when an
 * import moves nodes: called in the import's transaction, after the tree has its new paths.
 */
public interface RegionPathCopies {

    /** {@code movedFrom}: the paths the moved nodes had before the import (the rows below them follow). */
    Uni<Void> follow(SqlConnection tx, List<String> movedFrom);
}
