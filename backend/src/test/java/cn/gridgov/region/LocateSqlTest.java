package cn.gridgov.region;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The locate statement must stay cacheable by the reactive client, or every locate is planned again. */
class LocateSqlTest {

    @Test
    void locateStatementAsSentFitsThePreparedStatementCache() {
        String sql = new RegionRepository(null).locateSql();
        assertTrue(sql.length() <= RegionRepository.STATEMENT_CACHE_SQL_LIMIT, "locate.sql is " + sql.length());
        assertFalse(sql.contains("--"), "comments are dropped");
        assertTrue(sql.contains("$1") && sql.contains("$2"));
    }

    @Test
    void compactDropsCommentsAndFoldsWhiteSpace() {
        assertEquals("SELECT a, b FROM t WHERE x = $1",
                RegionRepository.compact("-- heading\nSELECT a,   b -- the two\n\n   FROM t\nWHERE x = $1\n"));
    }
}
