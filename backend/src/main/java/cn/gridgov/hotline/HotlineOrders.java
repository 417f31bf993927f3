package cn.gridgov.hotline;

import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.geo.CoordType;
import cn.gridgov.common.geo.LngLat;
import cn.gridgov.common.text.AllowedText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A pushed work order checked and put in one canonical form, so a re-push can be compared field by field. */
final class HotlineOrders {

    static final int MAX_REQUEST_TEXT = 1500;
    static final int MAX_ADDRESS = 200;
    private static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{3,20}");

    private HotlineOrders() {
    }

    /** A checked order: strings trimmed (blank is absent), coordinates with their system, the phone in digits. */
    record Order(String orderNo, String requestText, String addressText, Double lng, Double lat, CoordType coordType,
                 String categoryCode, Instant deadline, String callerPhone, String callbackUrl) {

        boolean hasPosition() {
            return lng != null;
        }
    }

    /** What was stored of an earlier push, to compare a re-push with (the phone by its keyed hash). */
    record Stored(long id, long incidentId, String requestText, String addressText, Double lng, Double lat,
                  String coordType, String categoryCode, Instant deadline, byte[] phoneHash, String callbackUrl) {
    }

    static Order checked(HotlineOrderRequest r) {
        String orderNo = r.orderNo().trim();
        if (!ORDER_NO.matcher(orderNo).matches()) {
            throw new Invalid("HOTLINE_BAD_ORDER_NO", "orderNo 只能由字母、数字、- 和 _ 组成，至多 64 个字符：" + orderNo,
                    "orderNo must be letters, digits, - and _, at most 64 characters: " + orderNo);
        }
        String text = r.requestText().trim();
        String address = blankToNull(r.addressText());
        if (!AllowedText.allowed(text) || (address != null && !AllowedText.allowed(address))) {
            throw AllowedText.refused();
        }
        if ((r.lng() == null) != (r.lat() == null)) {
            throw new Invalid("HOTLINE_PARTIAL_POSITION", "lng 与 lat 须同时给出或同时不给",
                    "lng and lat must be given together or not at all");
        }
        CoordType coordType = null;
        if (r.lng() != null) {
            LngLat.checked(r.lng(), r.lat());
            coordType = CoordType.parse(r.coordType(), CoordType.WGS84);
        }
        if (r.lng() == null && address == null) {
            throw new Invalid("HOTLINE_LOCATION_REQUIRED", "请提供坐标（lng、lat）或地址（addressText），本系统据此确定所属社区",
                    "Either coordinates (lng, lat) or an address (addressText) is required to place the order");
        }
        String phone = blankToNull(r.callerPhone());
        if (phone != null) {
            phone = phone.replace(" ", "").replace("-", "");
            if (!PHONE.matcher(phone).matches()) {
                throw new Invalid("HOTLINE_BAD_PHONE", "callerPhone 应是电话号码（数字，可带 + 、空格和 -）",
                        "callerPhone must be a phone number (digits, optionally +, spaces and -)");
            }
        }
        return new Order(orderNo, text, address, r.lng(), r.lat(), coordType, r.categoryCode().trim(),
                r.deadline() == null ? null : r.deadline().toInstant(), phone,
                CallbackUrl.checked("callbackUrl", r.callbackUrl()));
    }

    /** The fields in which {@code again} differs from what was stored, in the request's order. */
    static List<String> differences(Stored stored, Order again, byte[] phoneHash) {
        List<String> out = new ArrayList<>();
        add(out, "requestText", stored.requestText(), again.requestText());
        add(out, "addressText", stored.addressText(), again.addressText());
        add(out, "lng", stored.lng(), again.lng());
        add(out, "lat", stored.lat(), again.lat());
        add(out, "coordType", stored.coordType(), again.coordType() == null ? null : wire(again.coordType()));
        add(out, "categoryCode", stored.categoryCode(), again.categoryCode());
        add(out, "deadline", stored.deadline(), again.deadline());
        if (!java.util.Arrays.equals(stored.phoneHash(), phoneHash)) {
            out.add("callerPhone");
        }
        add(out, "callbackUrl", stored.callbackUrl(), again.callbackUrl());
        return out;
    }

    /** The Chinese name of a field, for messages. */
    static String label(String field) {
        return switch (field) {
            case "requestText" -> "诉求内容";
            case "addressText" -> "地址";
            case "lng" -> "经度";
            case "lat" -> "纬度";
            case "coordType" -> "坐标系";
            case "categoryCode" -> "类别";
            case "deadline" -> "时限";
            case "callerPhone" -> "来电人电话";
            case "callbackUrl" -> "回调地址";
            default -> field;
        };
    }

    static String wire(CoordType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static void add(List<String> out, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(field);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
