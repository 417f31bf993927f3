package cn.gridgov.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says in the OpenAPI document which fields of an answer are always there, so that generated client types need no
 * guessing: every property of a component schema reached from a success response is {@code required} (answers
 * are records, and Jackson writes their null components as {@code null}), and may be null only when its record
 * component is annotated {@code @Schema(nullable = true)}. A record annotated
 * {@code @JsonInclude(NON_NULL)} carries the extension {@value #OMITS_NULL} (removed from the document): its nullable
 * components are absent rather than null, so they are optional and not nullable.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ResponseFields implements OASFilter {

    /** Schema extension of a record that Jackson writes without its null components. */
    public static final String OMITS_NULL = "x-omits-null";

    /** Jackson's own tree type (GeoJSON answers): not a record, its bean getters are not fields of the answer. */
    private static final Set<String> NOT_RECORDS = Set.of("JsonNode");

    private static final String PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Deque<String> todo = new ArrayDeque<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(response -> {
                    if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
                        response.getContent().getMediaTypes().values().forEach(media -> refs(media.getSchema(), todo));
                    }
                });
            }
        }));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Schema schema = schemas.get(name);
            if (schema == null || !seen.add(name)) {
                continue;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(property -> refs(property, todo));
            }
            refs(schema.getItems(), todo);
            if (!NOT_RECORDS.contains(name)) {
                requireFields(schema);
            }
        }
        schemas.values().forEach(schema -> {
            if (schema.getExtensions() != null) {
                schema.removeExtension(OMITS_NULL);
            }
        });
    }

    private static void requireFields(Schema schema) {
        if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
            return;
        }
        boolean omitsNull = schema.getExtensions() != null && schema.getExtensions().containsKey(OMITS_NULL);
        List<String> required = new ArrayList<>();
        schema.getProperties().forEach((name, property) -> {
            if (!omitsNull || !nullable(property)) {
                required.add(name);
            } else {
                withoutNull(property);
            }
        });
        schema.setRequired(required);
    }

    private static boolean nullable(Schema property) {
        return (property.getType() != null && property.getType().contains(Schema.SchemaType.NULL))
                || (property.getAnyOf() != null && property.getAnyOf().stream()
                .anyMatch(s -> s.getType() != null && s.getType().equals(List.of(Schema.SchemaType.NULL))));
    }

    private static void withoutNull(Schema property) {
        if (property.getType() != null && property.getType().contains(Schema.SchemaType.NULL)) {
            List<Schema.SchemaType> types = new ArrayList<>(property.getType());
            types.remove(Schema.SchemaType.NULL);
            property.setType(types);
        }
        if (property.getAnyOf() != null) {
            List<Schema> rest = property.getAnyOf().stream()
                    .filter(s -> s.getType() == null || !s.getType().equals(List.of(Schema.SchemaType.NULL))).toList();
            if (rest.size() == 1 && rest.get(0).getRef() != null) {
                property.setAnyOf(null);
                property.setRef(rest.get(0).getRef());
            } else {
                property.setAnyOf(rest);
            }
        }
    }

    private static void refs(Schema schema, Deque<String> todo) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
            todo.add(schema.getRef().substring(PREFIX.length()));
        }
        refs(schema.getItems(), todo);
        for (List<Schema> list : java.util.Arrays.asList(schema.getAnyOf(), schema.getOneOf(), schema.getAllOf())) {
            if (list != null) {
                list.forEach(s -> refs(s, todo));
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> refs(s, todo));
        }
    }
}
