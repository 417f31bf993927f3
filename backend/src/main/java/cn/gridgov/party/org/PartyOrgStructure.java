package cn.gridgov.party.org;

import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.common.security.Actor;
import cn.gridgov.party.PartyOrgKind;
import cn.gridgov.region.RegionLevel;

import java.util.List;
import java.util.Map;

/**
 * The four-level structure 乡镇党（工）委—社区党委—小区党支部—楼栋党小组, written once: which organisation may sit
 * where and under which. A building group sits under the branch of its own compound (or a joint branch covering
 * that compound); a joint or functional branch sits under a community committee and covers compounds or
 * buildings of that community. Breaking it answers 422 INVALID_ORG_STRUCTURE with the rule in Chinese.
 */
final class PartyOrgStructure {

    static final String CODE = "INVALID_ORG_STRUCTURE";

    static final Map<PartyOrgKind, String> ZH = Map.of(PartyOrgKind.COUNTY_COMMITTEE, "县委",
            PartyOrgKind.TOWN_COMMITTEE, "乡镇党委", PartyOrgKind.COMMUNITY_COMMITTEE, "社区党委",
            PartyOrgKind.COMPOUND_BRANCH, "小区党支部", PartyOrgKind.BUILDING_GROUP, "楼栋党小组",
            PartyOrgKind.JOINT_BRANCH, "联合党支部", PartyOrgKind.FUNCTIONAL_BRANCH, "功能型党支部");

    private PartyOrgStructure() {
    }

    /** The level of node an organisation of {@code kind} leads ({@code null} for branches across nodes). */
    static RegionLevel levelOf(PartyOrgKind kind) {
        for (RegionLevel level : RegionLevel.values()) {
            if (level.partyOrgKind() == kind) {
                return level;
            }
        }
        return null;
    }

    /** Checks an organisation of {@code kind} leading {@code node}, under {@code parent} (null when there is none). */
    static void checkLeading(PartyOrgKind kind, PartyOrgRepository.Node node, OrgRow parent) {
        RegionLevel level = levelOf(kind);
        if (node.level() != level) {
            throw invalid(ZH.get(kind) + "只能设在" + level.zh() + "上，所选节点是" + node.level().zh(),
                    kind + " leads a " + level + " node, not a " + node.level());
        }
        if (kind == PartyOrgKind.COUNTY_COMMITTEE) {
            if (parent != null) {
                throw invalid("县委之上没有上级组织", "A county committee has no organisation above it");
            }
            return;
        }
        PartyOrgKind above = levelAbove(level).partyOrgKind();
        String rule = ZH.get(kind) + "须设在上级节点的" + ZH.get(above)
                + (kind == PartyOrgKind.BUILDING_GROUP ? "（或覆盖本小区的联合党支部、功能型党支部）" : "") + "之下";
        String ruleEn = kind + " sits under the " + above + " of the node above"
                + (kind == PartyOrgKind.BUILDING_GROUP ? " (or a joint branch covering its compound)" : "");
        if (parent == null) {
            throw invalid(rule + "：该上级节点尚无党组织", ruleEn + ": the node above has no organisation");
        }
        if (!parent.active()) {
            throw invalid(rule + "：所选上级组织已撤销或合并", ruleEn + ": the chosen parent has ended");
        }
        // a branch that took over a merged one's compound leads that compound's groups too
        boolean direct = parent.view().kind() == above && node.parentId() != null
                && (node.parentId().equals(parent.view().regionId())
                    || parent.view().coveredRegionIds().contains(node.parentId()));
        boolean acrossCompound = kind == PartyOrgKind.BUILDING_GROUP
                && PartyOrgKind.ACROSS_NODES.contains(parent.view().kind())
                && (parent.view().coveredRegionIds().contains(node.parentId())
                    || parent.view().coveredRegionIds().contains(node.id()));
        if (!direct && !acrossCompound) {
            throw invalid(rule + "：所选上级组织是" + ZH.get(parent.view().kind()) + "「" + parent.view().name() + "」",
                    ruleEn + ": the chosen parent is a " + parent.view().kind());
        }
    }

    /** Checks a joint or functional branch under {@code parent} covering {@code covered} ({@code asked} ids given). */
    static void checkAcross(PartyOrgKind kind, OrgRow parent, List<PartyOrgRepository.Node> covered, int asked) {
        String zh = ZH.get(kind);
        if (parent == null || !parent.active() || parent.view().kind() != PartyOrgKind.COMMUNITY_COMMITTEE) {
            throw invalid(zh + "须设在社区党委之下", kind + " sits under a community committee");
        }
        int least = kind == PartyOrgKind.JOINT_BRANCH ? 2 : 1;
        if (asked < least) {
            throw invalid(zh + "至少覆盖" + least + "个小区或楼栋", kind + " covers at least " + least + " compounds or buildings");
        }
        boolean ok = covered.size() == asked && covered.stream().allMatch(n ->
                (n.level() == RegionLevel.COMPOUND || n.level() == RegionLevel.BUILDING)
                        && Actor.within(n.path(), parent.nodePath()) && !n.path().equals(parent.nodePath()));
        if (!ok) {
            throw invalid(zh + "覆盖的节点须为本社区内的小区或楼栋", kind + " covers compounds or buildings of its community only");
        }
    }

    /** Two organisations can be merged when they are of one kind and sit under the same organisation. */
    static void checkMerge(OrgRow from, OrgRow into) {
        if (from.id() == into.id()) {
            throw invalid("不能把组织合并到它自身", "An organisation cannot be merged into itself");
        }
        if (!into.active()) {
            throw invalid("合并的目标组织已撤销或合并", "The organisation to merge into has ended");
        }
        if (from.view().kind() != into.view().kind() || from.view().kind() == PartyOrgKind.COUNTY_COMMITTEE
                || from.view().parentId() == null || !from.view().parentId().equals(into.view().parentId())) {
            throw invalid("只能合并同一上级组织下的同类组织（" + ZH.get(from.view().kind()) + "与"
                    + ZH.get(into.view().kind()) + "不能合并）", "Only organisations of one kind under one parent merge");
        }
    }

    private static RegionLevel levelAbove(RegionLevel level) {
        return RegionLevel.values()[level.ordinal() - 1];
    }

    static Unprocessable invalid(String zh, String en) {
        return new Unprocessable(CODE, zh, en);
    }
}
