package cn.gridgov.stats.tile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One encoded vector tile and its strong ETag (a hash of its bytes, so equal tiles validate whoever made them). */
public record MapTile(byte[] bytes, String etag) {

    /** The MVT media type registered with IANA. */
    public static final String MEDIA_TYPE = "application/vnd.mapbox-vector-tile";

    public static MapTile of(TileLayer layer, byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(layer.layerName().getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
            return new MapTile(bytes, "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public boolean empty() {
        return bytes.length == 0;
    }

    /** Whether an {@code If-None-Match} header names this tile (a list, or {@code *}; weak tags compared weakly). */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
