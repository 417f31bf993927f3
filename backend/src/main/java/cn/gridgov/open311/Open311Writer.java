package cn.gridgov.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GeoReport v2 answers in either format from one model: maps (elements in order) holding strings,
 * numbers, booleans, nulls (written as empty elements in XML, null in JSON), nested maps and {@link Open311List}s.
 */
public final class Open311Writer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Open311Writer() {
    }

    /** {@code body} (a map or an {@link Open311List}) under the XML root element {@code root}. */
    public static String write(Open311Format format, String root, Object body) {
        if (format == Open311Format.JSON) {
            try {
                return JSON.writeValueAsString(plain(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        element(xml, root, body);
        return xml.toString();
    }

    private static Object plain(Object value) {
        if (value instanceof Open311List list) {
            List<Object> out = new ArrayList<>();
            list.items().forEach(i -> out.add(plain(i)));
            return out;
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, plain(v)));
            return out;
        }
        return value;
    }

    private static void element(StringBuilder xml, String name, Object value) {
        xml.append('<').append(name).append('>');
        if (value instanceof Open311List list) {
            list.items().forEach(i -> element(xml, list.item(), i));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> element(xml, (String) k, v));
        } else if (value != null) {
            escape(xml, String.valueOf(value));
        }
        xml.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> {
                    // characters XML 1.0 cannot carry are dropped
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        xml.append(c);
                    }
                }
            }
        }
    }
}
