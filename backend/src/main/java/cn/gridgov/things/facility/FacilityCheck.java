package cn.gridgov.things.facility;

import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one set of rules a facility's fields must meet, for the form and for every import row alike: each problem
 * names its field and says why in Chinese and English.
 */
final class FacilityCheck {

    static final int MAX_NAME = 64;
    static final int MAX_CODE = 64;
    static final int MAX_NOTE = 500;

    private FacilityCheck() {
    }

    /** One refused field. */
    record Problem(String field, String zh, String en) {
    }

    /** A facility whose fields passed: position in WGS-84, references resolved. */
    record Draft(String code, String name, String categoryCode, LngLat wgs84, Long departmentId, FacilityState state,
                 String note) {
    }

    /** The draft, or the problems (never both). */
    record Result(Draft draft, List<Problem> problems) {
    }

    static Result check(FacilityRequest r, FacilityCatalog.Lookups lookups, CoordType defaultType) {
        List<Problem> problems = new ArrayList<>();
        String code = blankToNull(r.code());
        if (code != null && (code.length() > MAX_CODE || !code.matches("[0-9A-Za-z_.-]+"))) {
            problems.add(new Problem("code", "编码应为最多 " + MAX_CODE + " 个字母、数字、点、下划线或连字符：" + code,
                    "code must be at most " + MAX_CODE + " letters, digits, dots, underscores or hyphens: " + code));
        }
        String name = blankToNull(r.name());
        if (name == null) {
            problems.add(new Problem("name", "缺少名称", "name is required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new Problem("name", "名称过长（最多 " + MAX_NAME + " 个字符）",
                    "name is too long (at most " + MAX_NAME + " characters)"));
        }
        String category = blankToNull(r.categoryCode());
        if (category == null) {
            problems.add(new Problem("categoryCode", "缺少类型（事件分类编码）", "categoryCode is required"));
        } else if (lookups.categoryName(category) == null) {
            problems.add(new Problem("categoryCode", "类型不存在或已停用（应为事件分类编码，如 0101）：" + category,
                    "no active category " + category + " (expected an incident category code such as 0101)"));
        }
        Long departmentId = null;
        String dept = blankToNull(r.departmentCode());
        if (dept != null) {
            FacilityView.Department d = lookups.departmentsByCode().get(dept.toUpperCase(Locale.ROOT));
            if (d == null) {
                problems.add(new Problem("departmentCode", "权属部门不存在或已停用：" + dept,
                        "no active department " + dept));
            } else {
                departmentId = d.id();
            }
        }
        FacilityState state = FacilityState.NORMAL;
        if (blankToNull(r.state()) != null) {
            state = FacilityState.parse(r.state()).orElse(null);
            if (state == null) {
                problems.add(new Problem("state", "状态无效：" + r.state() + "（应为 NORMAL/正常、DAMAGED/损坏、"
                        + "UNDER_REPAIR/维修中 或 REMOVED/已拆除）",
                        "unknown state " + r.state() + " (expected NORMAL, DAMAGED, UNDER_REPAIR or REMOVED)"));
            }
        }
        String note = blankToNull(r.note());
        if (note != null && note.length() > MAX_NOTE) {
            problems.add(new Problem("note", "备注过长（最多 " + MAX_NOTE + " 个字符）",
                    "note is too long (at most " + MAX_NOTE + " characters)"));
        }
        LngLat wgs84 = null;
        FacilityRequest.FacilityPosition p = r.location();
        if (p == null || p.lng() == null || p.lat() == null) {
            problems.add(new Problem("location", "缺少经纬度", "lng and lat are required"));
        } else if (!Double.isFinite(p.lng()) || !Double.isFinite(p.lat()) || Math.abs(p.lng()) > 180
                || Math.abs(p.lat()) > 90) {
            problems.add(new Problem("location", "经纬度超出范围：[" + p.lng() + ", " + p.lat() + "]",
                    "coordinates out of range: [" + p.lng() + ", " + p.lat() + "]"));
        } else {
            CoordType type = null;
            try {
                type = CoordType.parse(p.coordType(), defaultType);
            } catch (RuntimeException e) {
                problems.add(new Problem("location.coordType", "坐标系只能是 wgs84 或 gcj02：" + p.coordType(),
                        "coordType must be wgs84 or gcj02: " + p.coordType()));
            }
            if (type != null) {
                wgs84 = type.toWgs84(new LngLat(p.lng(), p.lat()));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        return new Result(new Draft(code, name, category, wgs84, departmentId, state, note), List.of());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
