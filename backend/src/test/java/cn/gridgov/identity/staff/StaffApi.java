package cn.gridgov.identity.staff;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Test helper: staff accounts and logins through the HTTP API, as a console would do them. */
public final class StaffApi {

    /** Addresses are handed out in turn (10.0.0.1, 10.0.0.2, …): random ones could repeat within a run. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private StaffApi() {
    }

    /** A fresh made-up client address, so per-address login limits of one test never touch another. */
    public static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF);
    }

    /** POST /api/v1/staff as {@code adminToken}; the response is left to the caller to check. */
    public static ValidatableResponse create(String adminToken, String username, String password, long regionId,
                                             String... roles) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("displayName", "测试" + username);
        body.put("regionId", regionId);
        body.put("roles", List.of(roles));
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/staff").then();
    }

    /** Creates an account (expecting 201) and returns its id; the password is {@code "password-" + username}. */
    public static long createOk(String adminToken, String username, long regionId, String... roles) {
        return create(adminToken, username, "password-" + username, regionId, roles)
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A unique username. */
    public static String username() {
        return "s-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Password login from a fresh address; the response is left to the caller to check. */
    public static ValidatableResponse login(String username, String password) {
        return login(username, password, address());
    }

    public static ValidatableResponse login(String username, String password, String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post("/api/v1/auth/staff/login").then();
    }

    /** Logs in (expecting 200) and returns the access token. */
    public static String token(String username, String password) {
        return login(username, password).statusCode(200).extract().jsonPath().getString("accessToken");
    }
}
