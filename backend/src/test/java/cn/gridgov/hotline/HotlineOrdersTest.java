package cn.gridgov.hotline;

import cn.gridgov.common.error.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A pushed order's canonical form: what counts as the same content, and what is refused before anything is stored. */
class HotlineOrdersTest {

    private static HotlineOrderRequest request(String text, Double lng, Double lat, String coordType, String phone) {
        return new HotlineOrderRequest(" GD1 ", text, null, lng, lat, coordType, "0101",
                OffsetDateTime.parse("2026-03-03T18:00:00+08:00"), phone, null);
    }

    @Test
    void theSameContentWrittenDifferentlyIsTheSameOrder() {
        HotlineOrders.Order first = HotlineOrders.checked(request(" 井盖缺失 ", 113.4, 36.2, null, "138-1234 1234"));
        HotlineOrders.Stored stored = new HotlineOrders.Stored(1, 2, "井盖缺失", null, 113.4, 36.2, "wgs84", "0101",
                Instant.parse("2026-03-03T10:00:00Z"), new byte[] {1}, null);
        assertEquals("GD1", first.orderNo());
        assertEquals("13812341234", first.callerPhone());
        assertEquals(List.of(), HotlineOrders.differences(stored, first, new byte[] {1}));
        HotlineOrders.Order other = HotlineOrders.checked(request("井盖缺失", 113.5, 36.2, "gcj02", "13812341234"));
        assertEquals(List.of("lng", "coordType", "callerPhone"), HotlineOrders.differences(stored, other, new byte[] {2}));
    }

    @Test
    void ordersThatCannotBePlacedOrReadAreRefused() {
        assertEquals("HOTLINE_LOCATION_REQUIRED", assertThrows(DomainException.class,
                () -> HotlineOrders.checked(request("x", null, null, null, null))).code());
        assertEquals("HOTLINE_PARTIAL_POSITION", assertThrows(DomainException.class,
                () -> HotlineOrders.checked(request("x", 113.4, null, null, null))).code());
        assertEquals("BAD_COORDINATES", assertThrows(DomainException.class,
                () -> HotlineOrders.checked(request("x", 190.0, 36.2, null, null))).code());
        assertEquals("HOTLINE_BAD_PHONE", assertThrows(DomainException.class,
                () -> HotlineOrders.checked(request("x", 113.4, 36.2, null, "12ab"))).code());
    }
}
