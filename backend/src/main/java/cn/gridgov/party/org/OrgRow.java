package cn.gridgov.party.org;

import cn.gridgov.region.RegionLevel;

import java.util.ArrayList;
import java.util.List;

/** An organisation with where it sits in the region tree, for the rules (never shown as is). */
public record OrgRow(PartyOrgView view, String nodePath, RegionLevel nodeLevel, Long nodeParentId) {

    public long id() {
        return view.id();
    }

    /** The nodes the organisation answers for: the one it leads and those it covers (its roster's places). */
    public List<Long> nodeIds() {
        List<Long> nodes = new ArrayList<>(view.coveredRegionIds());
        if (view.regionId() != null) {
            nodes.add(view.regionId());
        }
        return nodes;
    }

    public boolean active() {
        return "ACTIVE".equals(view.status());
    }
}
