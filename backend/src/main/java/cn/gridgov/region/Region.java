package cn.gridgov.region;

import cn.gridgov.common.geo.LngLat;
import cn.gridgov.party.PartyOrg;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A node of the one tree as clients see it: {@code path} is the ids from the root down ("1.4.17"),
 * {@code attributes} the JSON object imported with it, {@code position} its label point or building position
 * in the coordinate system the client asked for.
 */
public record Region(long id, String code, String name, RegionLevel level, @Schema(nullable = true) Long parentId,
                     String path, @JsonRawValue String attributes, @Schema(nullable = true) PartyOrg partyOrg,
                     int version, @Schema(nullable = true) LngLat position) {

    /** The same node with its position expressed in another system. */
    public Region withPosition(LngLat newPosition) {
        return new Region(id, code, name, level, parentId, path, attributes, partyOrg, version, newPosition);
    }
}
