package cn.gridgov.open311;

import cn.gridgov.common.error.NotFound;

/** The formats of GeoReport v2: every path ends in {@code .xml} (the standard's own) or {@code .json}. */
public enum Open311Format {
    XML("text/xml; charset=UTF-8"), JSON("application/json; charset=UTF-8");

    private final String mediaType;

    Open311Format(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** {@code xml} or {@code json}; anything else is no resource of the standard (404). */
    public static Open311Format parse(String format) {
        if ("xml".equals(format)) {
            return XML;
        } else if ("json".equals(format)) {
            return JSON;
        }
        throw new NotFound("OPEN311_FORMAT_NOT_FOUND", "Open311 只支持 .xml 和 .json 格式：" + format,
                "Open311 answers in .xml or .json only: " + format);
    }

    /** The format a path asks for by its ending (XML, the standard's default, when it names none). */
    public static Open311Format ofPath(String path) {
        return path != null && path.endsWith(".json") ? JSON : XML;
    }
}
