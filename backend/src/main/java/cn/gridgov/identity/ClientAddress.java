package cn.gridgov.identity;

import io.vertx.core.http.HttpServerRequest;

/** The caller's address as seen through trusted proxies ({@code quarkus.http.proxy.*}). */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null) {
            return "unknown";
        }
        String host = request.remoteAddress().hostAddress();
        return host == null ? request.remoteAddress().host() : host;
    }
}
