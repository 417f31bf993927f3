package cn.gridgov.hotline;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Pushed work orders: what each pushed, the incident it became, and how it stands for its platform. */
@ApplicationScoped
public class HotlineOrderRepository {

    /** A row of an order as read back with its incident (the status still in the incident's words). */
    public record Status(String orderNo, long incidentId, String status, String categoryCode, String ownerRegionName,
                         Instant receivedAt, Instant updatedAt, Instant dueAt, Instant deadline, String phoneMask,
                         String lastComment) {
    }

    /** What {@code clientId} pushed as {@code orderNo}; null when nothing. */
    public Uni<HotlineOrders.Stored> find(SqlClient db, long clientId, String orderNo) {
        return db.preparedQuery("""
                        SELECT id, incident_id, request_text, address_text, lng, lat, coord_type, category_code, deadline_at,
                               caller_phone_hash, callback_url
                        FROM hotline_order WHERE client_id = $1 AND order_no = $2""")
                .execute(Tuple.of(clientId, orderNo))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    OffsetDateTime deadline = r.getOffsetDateTime("deadline_at");
                    io.vertx.mutiny.core.buffer.Buffer phone = r.getBuffer("caller_phone_hash");
                    return new HotlineOrders.Stored(r.getLong("id"), r.getLong("incident_id"), r.getString("request_text"),
                            r.getString("address_text"), r.getDouble("lng"), r.getDouble("lat"), r.getString("coord_type"),
                            r.getString("category_code"), deadline == null ? null : deadline.toInstant(),
                            phone == null ? null : phone.getBytes(), r.getString("callback_url"));
                });
    }

    /** Records the order; answers whether this call recorded it (false: an earlier push of the number did). */
    public Uni<Boolean> insert(SqlClient db, long clientId, HotlineOrders.Order o, long incidentId, byte[] phoneEnc,
                               byte[] phoneHash, String phoneMask, Instant now) {
        return db.preparedQuery("""
                        INSERT INTO hotline_order (client_id, order_no, incident_id, request_text, address_text, lng, lat,
                            coord_type, category_code, deadline_at, caller_phone_enc, caller_phone_hash, caller_phone_mask,
                            callback_url, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(clientId, o.orderNo(), incidentId, o.requestText(), o.addressText(),
                        o.lng(), o.lat(), o.coordType() == null ? null : HotlineOrders.wire(o.coordType()),
                        o.categoryCode(), at(o.deadline()), phoneEnc == null ? null : Buffer.buffer(phoneEnc),
                        phoneHash == null ? null : Buffer.buffer(phoneHash), phoneMask, o.callbackUrl(), at(now))))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The order {@code orderNo} of {@code clientId} with its incident's state; null when the client has none. */
    public Uni<Status> status(SqlClient db, long clientId, String orderNo) {
        return db.preparedQuery("""
                        SELECT o.order_no, o.incident_id, i.status, c.code AS category_code, own.name AS owner_name,
                               o.created_at, i.updated_at, i.deadline_at AS due_at, o.deadline_at, o.caller_phone_mask,
                               (SELECT f.comment FROM incident_flow f WHERE f.incident_id = i.id AND f.comment IS NOT NULL
                                ORDER BY f.id DESC LIMIT 1) AS last_comment
                        FROM hotline_order o
                        JOIN incident i ON i.id = o.incident_id
                        JOIN incident_category c ON c.id = i.category_id
                        JOIN region own ON own.id = i.owner_region_id
                        WHERE o.client_id = $1 AND o.order_no = $2""")
                .execute(Tuple.of(clientId, orderNo))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Status(r.getString("order_no"), r.getLong("incident_id"), r.getString("status"),
                            r.getString("category_code"), r.getString("owner_name"), instant(r, "created_at"),
                            instant(r, "updated_at"), instant(r, "due_at"), instant(r, "deadline_at"),
                            r.getString("caller_phone_mask"), r.getString("last_comment"));
                });
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime at = r.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
