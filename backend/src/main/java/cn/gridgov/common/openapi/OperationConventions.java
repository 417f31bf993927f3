package cn.gridgov.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes the generated OpenAPI document so that it passes the standard linter (redocly.yaml): every operation
 * gets an {@code operationId} from the code name at the end of its summary ("中文摘要 (codeName)"; prefixed with
 * its path's first segment when two operations share it, e.g. {@code incidentsGet}), a public operation (no
 * security requirement) says so with {@code security: []}, and the document names its server (the API's origin,
 * a variable since the document is served on the management port).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = -100)
public class OperationConventions implements OASFilter {

    private static final Pattern CODE_NAME = Pattern.compile("\\(([a-z][A-Za-z]*)\\)$");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setServers(List.of(OASFactory.createServer().url("{origin}")
                .description("The API's origin (its public port; this document is served on the management port)")
                .variables(Map.of("origin", OASFactory.createServerVariable().defaultValue("http://localhost:8080")
                        .description("scheme, host and port of the GridGov API")))));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Integer> uses = new HashMap<>();
        List<Map.Entry<String, Operation>> operations = new ArrayList<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(op -> {
            operations.add(Map.entry(path, op));
            codeName(op).ifPresent(name -> uses.merge(name, 1, Integer::sum));
        }));
        for (Map.Entry<String, Operation> entry : operations) {
            Operation op = entry.getValue();
            if (op.getSecurity() == null) {
                op.setSecurity(new ArrayList<>());
            }
            codeName(op).ifPresent(name -> op.setOperationId(
                    uses.get(name) == 1 ? name : prefix(entry.getKey()) + Character.toUpperCase(name.charAt(0))
                            + name.substring(1)));
        }
    }

    private static java.util.Optional<String> codeName(Operation op) {
        if (op.getSummary() == null) {
            return java.util.Optional.empty();
        }
        Matcher m = CODE_NAME.matcher(op.getSummary());
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** The path's first segment after /api/v1 in camel case: "/api/v1/grid-duties/x" gives "gridDuties". */
    private static String prefix(String path) {
        String segment = path.replaceFirst("^/api/v1/", "").replaceFirst("^/", "").split("/")[0];
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : segment.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
