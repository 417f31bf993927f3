package cn.gridgov.stats.export;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.error.Unavailable;
import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.security.Actor;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.identity.personal.PersonalDataAccess;
import cn.gridgov.identity.personal.PiiAuditRepository;
import cn.gridgov.incident.IncidentFilter;
import cn.gridgov.incident.IncidentSearch;
import cn.gridgov.incident.IncidentStatus;
import cn.gridgov.incident.Visibility;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionRepository;
import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Streams the incidents a caller may see, filtered as the incident list is, from the database to the response.
 * Blocking by design: it runs on a worker thread with a JDBC connection of its own and a server-side cursor, so
 * memory stays flat however many rows go out. Everything that can be refused (a role that may not reveal, a
 * region outside the scope, too many rows, no connection free) is refused before the first byte.
 */
@ApplicationScoped
public class IncidentExportService {

    /** Personal data revealed by an export, as written in the reveal audit. */
    static final String AUDIT_SUBJECT = "incident_export";
    static final String AUDIT_FIELD = "reporter_name_phone";

    static final String FILE_PREFIX = "事件导出-";

    private static final Logger LOG = Logger.getLogger(IncidentExportService.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AgroalDataSource dataSource;
    private final Pool pool;
    private final IncidentExportRepository exports;
    private final RegionRepository regions;
    private final PiiAuditRepository audit;
    private final PersonalData personalData;
    private final ExportConfig config;
    private final Clock clock;

    public IncidentExportService(AgroalDataSource dataSource, Pool pool, IncidentExportRepository exports,
                                 RegionRepository regions, PiiAuditRepository audit, PersonalData personalData,
                                 ExportConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.exports = exports;
        this.regions = regions;
        this.audit = audit;
        this.personalData = personalData;
        this.config = config;
        this.clock = clock;
    }

    /** What to export, as the request gave it. */
    public record Request(ExportFormat format, IncidentFilter filter, CoordType coordType, boolean reveal,
                          Map<String, Object> echo) {
    }

    /** An export ready to stream: its file name and the body, which owns the database connection until it ends. */
    public record Prepared(String fileName, String asciiFileName, ExportFormat format, long rows, StreamingOutput body) {
    }

    /** Checks the request and opens the cursor's transaction; blocking (a worker thread). */
    public Prepared prepare(Actor actor, Request request) {
        if (request.reveal() && !PersonalDataAccess.mayReveal(actor)) {
            throw PersonalDataAccess.notAllowed();
        }
        if (request.format() == ExportFormat.GEOJSON && request.coordType() != CoordType.WGS84) {
            throw new Invalid("BAD_COORD_TYPE", "GeoJSON 的坐标按 RFC 7946 固定为 WGS-84，请不要给 coordType=gcj02",
                    "GeoJSON positions are WGS-84 (RFC 7946); do not ask for gcj02");
        }
        Instant now = clock.instant();
        String regionPath = null;
        if (request.filter().regionId() != null) {
            long regionId = request.filter().regionId();
            Region region = regions.findWithin(regionId, actor.scopePath()).await().atMost(WAIT);
            if (region == null) {
                throw DomainException.notFound("Region", "区域", regionId);
            }
            regionPath = region.path();
        }
        IncidentSearch.Where where = IncidentSearch.where(Visibility.of(actor), request.filter(), regionPath, now);
        long max = request.format() == ExportFormat.XLSX ? Math.min(config.maxRows(), ExportFormat.XLSX_MAX_ROWS)
                : config.maxRows();
        Connection db = connection();
        try {
            db.setAutoCommit(false);
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            db.setReadOnly(true);
            long rows = exports.count(db, where, max);
            if (rows > max) {
                throw new Unprocessable("EXPORT_TOO_LARGE", "符合条件的事件超过 " + max + " 条，请缩小时间或区域范围后分批导出",
                        "More than " + max + " incidents match; narrow the time or region and export in parts");
            }
            long exportId = pool.withTransaction(tx -> exports.logStart(tx, actor.userId(), request.format(),
                            request.echo(), request.reveal(), rows, now)
                    .call(id -> request.reveal()
                            ? audit.recordOther(tx, actor.userId(), AUDIT_SUBJECT, id, AUDIT_FIELD,
                                    "导出事件 " + request.format().extension(), actor.address())
                            : Uni.createFrom().voidItem()))
                    .await().atMost(WAIT);
            return new Prepared(fileName(now, request.format()), asciiFileName(now, request.format()), request.format(), rows,
                    out -> stream(db, where, max, request, exportId, out));
        } catch (SQLException e) {
            close(db);
            throw new UncheckedIOException(new IOException("export query failed", e));
        } catch (RuntimeException e) {
            close(db);
            throw e;
        }
    }

    private void stream(Connection db, IncidentSearch.Where where, long max, Request request, long exportId,
                        OutputStream out) throws IOException {
        Instant now = clock.instant();
        ExportSink sink = switch (request.format()) {
            case CSV -> new CsvSink(out);
            case GEOJSON -> new GeoJsonSink(out);
            case XLSX -> new XlsxSink(out);
        };
        long written;
        try (db) {
            sink.begin();
            written = exports.stream(db, where, max, config.fetchSize(),
                    stored -> sink.row(row(stored, request.coordType(), request.reveal(), now)));
            sink.end();
            db.commit();
        } catch (IOException e) {
            LOG.infof("export %d ended early: %s", exportId, e.getMessage());
            throw e;
        } catch (Exception e) {
            LOG.errorf(e, "export %d failed", exportId);
            throw new IOException("export failed", e);
        }
        exports.logFinish(pool, exportId, written, clock.instant()).await().atMost(WAIT);
    }

    private ExportRow row(IncidentExportRepository.Stored s, CoordType coordType, boolean reveal, Instant now) {
        LngLat at = coordType.fromWgs84(new LngLat(s.lng(), s.lat()));
        String phone = s.reporterPhoneEnc() == null ? null : personalData.decrypt(s.reporterPhoneEnc());
        boolean overdue = IncidentStatus.CLOCK_RUNNING.contains(s.status()) && s.deadlineAt().isBefore(now);
        return new ExportRow(s.id(), s.status(), s.categoryCode(), s.categoryName(), s.source(), s.townName(),
                s.communityName(), s.compoundName(), ApiTime.of(s.reportedAt()), ApiTime.of(s.deadlineAt()),
                ApiTime.of(s.closedAt()), overdue, s.description(), at.lng(), at.lat(),
                reveal ? s.reporterName() : PersonalData.maskName(s.reporterName()),
                reveal ? phone : PersonalData.maskPhone(phone), s.rating());
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new Unavailable("EXPORT_BUSY", "导出任务较多，请稍后再试", "Too many exports running; try again shortly", 10);
        }
    }

    private static void close(Connection db) {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.debug("closing an export connection failed", e);
        }
    }

    /** {@code 事件导出-20260301-0800.csv}, in Asia/Shanghai time. */
    static String fileName(Instant now, ExportFormat format) {
        return fileName(FILE_PREFIX, now, format);
    }

    /** {@code incidents-20260301-0800.csv}: the name for clients that read only ASCII file names. */
    static String asciiFileName(Instant now, ExportFormat format) {
        return fileName("incidents-", now, format);
    }

    /** An export's file name: {@code prefix}, the time in Asia/Shanghai to the minute, the format's extension. */
    static String fileName(String prefix, Instant now, ExportFormat format) {
        return prefix + stamp(now) + "." + format.extension();
    }

    private static String stamp(Instant now) {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").format(ApiTime.of(now));
    }
}
