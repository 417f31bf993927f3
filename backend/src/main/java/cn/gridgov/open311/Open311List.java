package cn.gridgov.open311;

import java.util.List;

/**
 * A list in a GeoReport v2 answer: a JSON array, and in XML an element per item named {@code item}
 * ({@code <services><service>…}, {@code <attributes><attribute>…}).
 */
public record Open311List(String item, List<?> items) {
}
