package cn.gridgov.proof;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile and malformed requests generated from the served OpenAPI document, the same every run (no randomness):
 * for every operation, each path and query parameter replaced in turn by a bad value, and malformed bodies derived
 * from the request schema (broken JSON, wrong types everywhere, unknown fields, injection and huge strings, deep
 * nesting, oversize). Each case changes one thing, so a failing case is already as small as it gets: it is printed
 * as a ready-to-copy request.
 */
final class HostileRequests {

    /** One request to send. {@code body} null: none; {@code contentType} the header sent with it. */
    record Case(String operation, String method, String path, Map<String, String> query, String contentType,
                String body, String what) {

        String describe() {
            StringBuilder q = new StringBuilder();
            query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(v));
            String shownBody = body == null ? "" : " body(" + what + ")="
                    + (body.length() > 120 ? body.substring(0, 120) + "…(" + body.length() + " chars)" : body);
            return method + " " + path + q + shownBody;
        }
    }

    /** Values no parameter accepts as they are: wrong types, out of range, injections, path tricks, control characters. */
    static final List<String> BAD_VALUES = List.of(
            "", "0", "-1", "abc", "1.5", "9223372036854775807", "99999999999999999999", "1e309", "NaN",
            "' OR 1=1--", "<script>alert(1)</script>", "../../etc/passwd", "%00", "2026-13-45T99:99:99",
            "%E4%B8%AD%E6%96%87", "x".repeat(3000));

    /** Strings that must be stored or refused as text, never interpreted (the last one long, under the body limit). */
    static final List<String> HOSTILE_STRINGS = List.of(
            "' OR 1=1--", "\"; DROP TABLE incident; --", "<img src=x onerror=alert(1)>", "../../../../etc/passwd",
            "${jndi:ldap://x/a}", "\u202Eevil", "𠜎𠜱𠝹", "x".repeat(100_000));

    private HostileRequests() {
    }

    /** Every case for every operation of the document. */
    static List<Case> from(JsonObject openapi) {
        List<Case> out = new ArrayList<>();
        JsonObject paths = openapi.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(template);
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonObject op = item.getJsonObject(method);
                if (op != null) {
                    out.addAll(forOperation(openapi, method.toUpperCase(), template, op));
                }
            }
        }
        return out;
    }

    private static List<Case> forOperation(JsonObject doc, String method, String template, JsonObject op) {
        String name = method + " " + template;
        List<Case> out = new ArrayList<>();
        List<String> pathParams = new ArrayList<>();
        List<String> queryParams = new ArrayList<>();
        JsonArray params = op.getJsonArray("parameters", new JsonArray());
        for (int i = 0; i < params.size(); i++) {
            JsonObject p = params.getJsonObject(i);
            if ("path".equals(p.getString("in"))) {
                pathParams.add(p.getString("name"));
            } else if ("query".equals(p.getString("in"))) {
                queryParams.add(p.getString("name"));
            }
        }
        String plain = fill(template, pathParams, null, null);
        JsonObject content = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject());
        String bodyType = content.fieldNames().stream().findFirst().orElse(null);
        String validishBody = bodyType == null ? null : "{}";

        for (String p : pathParams) {
            for (String bad : BAD_VALUES) {
                out.add(new Case(name, method, fill(template, pathParams, p, bad), Map.of(), contentTypeOf(bodyType),
                        validishBody, "path " + p));
            }
        }
        for (String q : queryParams) {
            for (String bad : BAD_VALUES) {
                out.add(new Case(name, method, plain, Map.of(q, encode(bad)), contentTypeOf(bodyType), validishBody,
                        "query " + q));
            }
        }
        if (bodyType != null) {
            JsonObject schema = resolve(doc, content.getJsonObject(bodyType).getJsonObject("schema", new JsonObject()));
            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("broken JSON", "{\"a\":");
            bodies.put("empty", "");
            bodies.put("array", "[]");
            bodies.put("null", "null");
            bodies.put("number", "42");
            bodies.put("string", "\"text\"");
            bodies.put("deep nesting", "[".repeat(5000) + "]".repeat(5000));
            bodies.put("unknown fields only", "{\"unknownField\":1,\"__proto__\":{\"admin\":true}}");
            bodies.put("wrong types", wrongTypes(doc, schema).encode());
            for (String hostile : HOSTILE_STRINGS) {
                bodies.put("hostile strings " + hostile.substring(0, Math.min(12, hostile.length())),
                        hostileStrings(doc, schema, hostile).encode());
            }
            bodies.forEach((what, body) -> out.add(new Case(name, method, plain, Map.of(), contentTypeOf(bodyType),
                    body, what)));
            if (bodyType.startsWith("multipart/")) {
                out.add(new Case(name, method, plain, Map.of(), "application/json", "{}", "JSON to a multipart endpoint"));
            }
        } else if (pathParams.isEmpty() && queryParams.isEmpty()) {
            out.add(new Case(name, method, plain, Map.of(), null, null, "as is"));
        }
        return out;
    }

    /** Multipart bodies are sent as what they are not (the server must refuse them cleanly). */
    private static String contentTypeOf(String bodyType) {
        return bodyType == null ? null : bodyType.startsWith("multipart/") ? "multipart/form-data; boundary=x" : bodyType;
    }

    /** The template with every path parameter set to a value that names nothing, and {@code bad} for {@code which}. */
    private static String fill(String template, List<String> names, String which, String bad) {
        String path = template;
        for (String n : names) {
            String value = n.equals(which) ? pathSegment(bad) : "0";
            path = path.replace("{" + n + "}", value);
        }
        return path;
    }

    private static String pathSegment(String value) {
        // already percent-encoded values stay as they are (they are what a client would put in the URL)
        return value.contains("%") ? value : encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return value.contains("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonObject resolve(JsonObject doc, JsonObject schema) {
        String ref = schema.getString("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return doc.getJsonObject("components").getJsonObject("schemas").getJsonObject(name, new JsonObject());
    }

    private static String type(JsonObject schema) {
        Object t = schema.getValue("type");
        if (t instanceof JsonArray a) {
            for (Object o : a) {
                if (!"null".equals(o)) {
                    return o.toString();
                }
            }
        }
        return t == null ? (schema.containsKey("properties") ? "object" : "string") : t.toString();
    }

    /** An object whose every property has a value of another type than declared. */
    private static JsonObject wrongTypes(JsonObject doc, JsonObject schema) {
        JsonObject out = new JsonObject();
        JsonObject props = schema.getJsonObject("properties", new JsonObject());
        for (Iterator<String> it = props.fieldNames().iterator(); it.hasNext(); ) {
            String p = it.next();
            JsonObject ps = resolve(doc, props.getJsonObject(p));
            out.put(p, switch (type(ps)) {
                case "string" -> new JsonObject().put("not", "a string");
                case "integer", "number" -> "not a number";
                case "boolean" -> "maybe";
                case "array" -> "not an array";
                default -> 12345;
            });
        }
        if (out.isEmpty()) {
            out.put("unexpected", true);
        }
        return out;
    }

    /**
     * An object whose strings are {@code hostile} and whose other properties are of the wrong type (so the request is
     * invalid unless every property is a string): the hostile text must be refused or kept as text.
     */
    private static JsonObject hostileStrings(JsonObject doc, JsonObject schema, String hostile) {
        JsonObject out = wrongTypes(doc, schema);
        JsonObject props = schema.getJsonObject("properties", new JsonObject());
        boolean huge = hostile.length() > 1_000;
        for (String p : props.fieldNames()) {
            if ("string".equals(type(resolve(doc, props.getJsonObject(p))))) {
                out.put(p, hostile);
                if (huge) {
                    break; // one huge string: the body stays under the 256 KB limit (oversize bodies have their own tests)
                }
            }
        }
        return out;
    }
}
