package cn.gridgov.common.error;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures no resource expected: which of them are the database away for now (503, retry) and which are bugs (500). */
class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void aSaturatedPoolAnswers503WithRetryAfterNot500() {
        // the reactive pool's wait for a free connection timing out under overload, wrapped as it reaches the mapper
        Response r = mapper.unexpected(new CompletionException(new VertxException("Timeout waiting for connection", true)),
                null, null);
        assertEquals(503, r.getStatus());
        assertEquals("1", String.valueOf(r.getHeaderString(HttpHeaders.RETRY_AFTER)));
        Problem body = (Problem) r.getEntity();
        assertEquals("DATABASE_BUSY", body.code());
        assertEquals("系统繁忙，请稍后重试", body.detail());
    }

    @Test
    void aRefusedConnectionAnswers503() {
        Response r = mapper.unexpected(new RuntimeException(new ConnectException("Connection refused")), null, null);
        assertEquals(503, r.getStatus());
        assertEquals("DATABASE_BUSY", ((Problem) r.getEntity()).code());
    }

    @Test
    void aTransactionTheDatabaseRolledBackForADeadlockOrASerializationConflictAnswers409() {
        for (String state : new String[] {"40P01", "40001"}) {
            Response r = mapper.unexpected(new CompletionException(new PgException("deadlock detected", "ERROR", state,
                    null)), null, null);
            assertEquals(409, r.getStatus());
            assertEquals("1", String.valueOf(r.getHeaderString(HttpHeaders.RETRY_AFTER)));
            assertEquals("CONCURRENT_CHANGE", ((Problem) r.getEntity()).code());
            assertEquals("数据正被同时修改，本次未保存，请重试", ((Problem) r.getEntity()).detail());
        }
        assertEquals(500, mapper.unexpected(new PgException("duplicate key", "ERROR", "23505", null), null, null)
                .getStatus());
    }

    @Test
    void otherFailuresStayInternalErrors() {
        assertEquals(500, mapper.unexpected(new IllegalStateException("bug"), null, null).getStatus());
        assertEquals(500, mapper.unexpected(new VertxException("Connection was closed", true), null, null).getStatus());
        assertFalse(ProblemMapper.databaseBusy(new VertxException("Timeout", true)));
        assertTrue(ProblemMapper.databaseBusy(new VertxException("Timeout waiting for connection", true)));
    }
}
