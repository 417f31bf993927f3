package cn.gridgov.notify.feed;

import cn.gridgov.common.time.Await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** A county, town, community and compound, a community admin and a resident with a WeChat openid (for whole-app runs). */
public final class ReplicaTree {
    public long county;
    public long town;
    public long community;
    public String communityPath;
    public long compound;
    public long adminId;
    public long residentId;
    public double lng;
    public double lat;

    public static ReplicaTree create(String db, String openid) throws SQLException {
        return create(db, openid, 113.40, 36.20);
    }

    /** A tree centred on (lng, lat): trees of one database that must not overlap get centres 0.5° apart. */
    public static ReplicaTree create(String db, String openid, double lng, double lat) throws SQLException {
        ReplicaTree t = new ReplicaTree();
        t.lng = lng;
        t.lat = lat;
        try (Connection c = ReplicaProcesses.connect(db)) {
            t.county = node(c, "IT-C", "测试县", "COUNTY", null, null, t.lng, t.lat, 0.2);
            String countyPath = Long.toString(t.county);
            t.town = node(c, "IT-T", "测试镇", "TOWN", t.county, countyPath, t.lng, t.lat, 0.1);
            String townPath = countyPath + "." + t.town;
            t.community = node(c, "IT-A", "测试社区", "COMMUNITY", t.town, townPath, t.lng, t.lat, 0.05);
            t.communityPath = townPath + "." + t.community;
            t.compound = node(c, "IT-A1", "测试小区", "COMPOUND", t.community, t.communityPath, t.lng, t.lat, 0.02);
            t.adminId = id(c, "INSERT INTO app_user (kind, display_name) VALUES ('STAFF', '测试调度员') RETURNING id");
            try (PreparedStatement s = c.prepareStatement("INSERT INTO staff_account (user_id, username, password_hash, "
                    + "region_id, roles) VALUES (?, ?, 'x', ?, ARRAY['COMMUNITY_ADMIN'])")) {
                s.setLong(1, t.adminId);
                s.setString(2, "it-admin-" + UUID.randomUUID().toString().substring(0, 8));
                s.setLong(3, t.community);
                s.executeUpdate();
            }
            t.residentId = id(c, "INSERT INTO app_user (kind, openid) VALUES ('RESIDENT', '" + openid + "') RETURNING id");
        }
        return t;
    }

    /**
     * Returns once every replica at {@code bases} (asked with {@code token}) locates the tree's centre in its compound: the tree was written
     * behind their backs, and a replica that holds the region tree in memory drops it when the change's
     * announcement arrives, milliseconds after the commit.
     */
    public ReplicaTree locatableOn(String token, String... bases) {
        HttpClient http = HttpClient.newHttpClient();
        for (String base : bases) {
            URI locate = URI.create(base + "/api/v1/regions/locate?coordType=wgs84&lng=" + lng + "&lat=" + lat);
            Await.until("the new tree is located on " + base, Duration.ofSeconds(30), () -> {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(locate)
                            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 && r.statusCode() != 404) {
                        // not a tree not seen yet (404 OUTSIDE_COVERAGE): waiting would not help
                        throw new AssertionError("locate on " + base + " answered " + r.statusCode() + ": " + r.body());
                    }
                    return r.statusCode() == 200 && r.body().contains("\"id\":" + compound + ",");
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            });
        }
        return this;
    }

    private static long node(Connection c, String code, String name, String level, Long parent, String parentPath,
                             double x, double y, double r) throws SQLException {
        long id = id(c, "SELECT nextval('region_id_seq')");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO region (id, code, name, level, parent_id, path, "
                + "boundary, position) VALUES (?, ?, ?, ?, ?, ?::ltree, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), "
                + "ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
            s.setLong(1, id);
            s.setString(2, code + "-" + id);
            s.setString(3, name + id);
            s.setString(4, level);
            s.setObject(5, parent);
            s.setString(6, parentPath == null ? Long.toString(id) : parentPath + "." + id);
            s.setDouble(7, x - r);
            s.setDouble(8, y - r);
            s.setDouble(9, x + r);
            s.setDouble(10, y + r);
            s.setDouble(11, x);
            s.setDouble(12, y);
            s.executeUpdate();
        }
        return id;
    }

    private static long id(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
