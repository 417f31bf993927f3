package cn.gridgov.stats.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;

/**
 * A GeoJSON FeatureCollection (RFC 7946: positions in WGS-84, longitude first), one Point feature per incident,
 * written feature by feature with Jackson's streaming generator.
 */
final class GeoJsonSink implements ExportSink {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator out;

    GeoJsonSink(OutputStream stream) throws IOException {
        this.out = JSON.createGenerator(stream, JsonEncoding.UTF8);
        out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void begin() throws IOException {
        out.writeStartObject();
        out.writeStringField("type", "FeatureCollection");
        out.writeArrayFieldStart("features");
    }

    @Override
    public void row(ExportRow r) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", "Feature");
        out.writeNumberField("id", r.id());
        out.writeObjectFieldStart("geometry");
        out.writeStringField("type", "Point");
        out.writeArrayFieldStart("coordinates");
        out.writeNumber(r.lng());
        out.writeNumber(r.lat());
        out.writeEndArray();
        out.writeEndObject();
        out.writeObjectFieldStart("properties");
        out.writeNumberField("id", r.id());
        out.writeStringField("status", r.status().name());
        out.writeStringField("statusName", ExportColumns.status(r.status()));
        out.writeStringField("categoryCode", r.categoryCode());
        out.writeStringField("categoryName", r.categoryName());
        out.writeStringField("source", r.source().name());
        out.writeStringField("sourceName", ExportColumns.source(r.source()));
        out.writeStringField("townName", r.townName());
        out.writeStringField("communityName", r.communityName());
        out.writeStringField("compoundName", r.compoundName());
        time("reportedAt", r.reportedAt());
        time("deadlineAt", r.deadlineAt());
        time("closedAt", r.closedAt());
        out.writeBooleanField("overdue", r.overdue());
        out.writeStringField("description", r.description());
        out.writeStringField("reporterName", r.reporterName());
        out.writeStringField("reporterPhone", r.reporterPhone());
        if (r.rating() == null) {
            out.writeNullField("rating");
        } else {
            out.writeNumberField("rating", r.rating());
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        out.writeEndArray();
        out.writeEndObject();
        out.flush();
    }

    private void time(String name, OffsetDateTime t) throws IOException {
        if (t == null) {
            out.writeNullField(name);
        } else {
            out.writeStringField(name, t.toString());
        }
    }
}
