package cn.gridgov.common.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reference pairs from the published eviltransform test vectors (wgsLat, wgsLng, gcjLat, gcjLng). */
class Gcj02Test {

    @ParameterizedTest(name = "{4}")
    @CsvSource({
            "31.1774276, 121.5272106, 31.17530398364597, 121.531541859215, Shanghai",
            "22.543847, 113.912316, 22.540796131694766, 113.9171764808363, Shenzhen",
            "39.911954, 116.377817, 39.91334545536069, 116.38404722455657, Beijing"
    })
    void wgs84ToGcj02MatchesPublishedPairs(double wLat, double wLng, double gLat, double gLng, String city) {
        LngLat gcj = Gcj02.fromWgs84(new LngLat(wLng, wLat));
        assertEquals(gLng, gcj.lng(), 1e-9);
        assertEquals(gLat, gcj.lat(), 1e-9);
    }

    @ParameterizedTest(name = "{4}")
    @CsvSource({
            "31.1774276, 121.5272106, 31.17530398364597, 121.531541859215, Shanghai",
            "22.543847, 113.912316, 22.540796131694766, 113.9171764808363, Shenzhen",
            "39.911954, 116.377817, 39.91334545536069, 116.38404722455657, Beijing"
    })
    void gcj02ToWgs84InvertsWithinAMillimetre(double wLat, double wLng, double gLat, double gLng, String city) {
        LngLat wgs = Gcj02.toWgs84(new LngLat(gLng, gLat));
        assertEquals(wLng, wgs.lng(), 1e-8);
        assertEquals(wLat, wgs.lat(), 1e-8);
    }

    @Test
    void pointsOutsideMainlandChinaAreNotShifted() {
        LngLat denver = new LngLat(-104.9903, 39.7392);
        assertEquals(denver, Gcj02.fromWgs84(denver));
        assertEquals(denver, Gcj02.toWgs84(denver));
    }

    @Test
    void theShiftAtPingshunIsHundredsOfMetres() {
        LngLat wgs = new LngLat(113.43, 36.20);
        LngLat gcj = CoordType.GCJ02.fromWgs84(wgs);
        double dx = (gcj.lng() - wgs.lng()) * 111_320 * Math.cos(Math.toRadians(36.2));
        double dy = (gcj.lat() - wgs.lat()) * 110_540;
        double metres = Math.hypot(dx, dy);
        assertTrue(metres > 100 && metres < 1000, "shift " + metres + " m");
    }
}
