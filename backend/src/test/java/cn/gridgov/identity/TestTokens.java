package cn.gridgov.identity;

import cn.gridgov.identity.auth.AccessTokens;
import cn.gridgov.identity.staff.StaffService;
import cn.gridgov.region.RegionFixture;
import cn.gridgov.region.RegionLevel;
import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * For tests of any package: real users and valid access tokens for them. A token is accepted only while its
 * user exists with the token version it carries (a new user's is 0), so tokens are made for real users:
 * {@link #staffOn} / {@link #resident()}.
 *
 * <pre>
 * RegionFixture.Tree tree = RegionFixture.create();
 * TestTokens.Staff admin = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN);
 * given().auth().oauth2(admin.token()).get("/api/v1/staff").then().statusCode(200);
 * </pre>
 * Creating users and tokens works anywhere, static {@code @BeforeAll} included; REST Assured calls need
 * the test port, which Quarkus sets only around each test ({@code @BeforeEach} or the test itself).
 */
public final class TestTokens {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A real staff account, its password and a token for it. */
    public record Staff(long userId, String username, String password, long regionId, String regionPath,
                        Set<String> roles, String token) {
    }

    /** A real resident and a token for them. */
    public record Resident(long userId, String openid, String token) {
    }

    private TestTokens() {
    }

    /** A token for a staff member with {@code roles} bound to the node ({@code regionId}, {@code regionPath}). */
    public static String staff(long userId, long regionId, String regionPath, String... roles) {
        return tokens().staff(userId, 0, Set.of(roles), regionId, regionPath);
    }

    /** A resident's token. */
    public static String resident(long userId) {
        return tokens().resident(userId, 0);
    }

    /** Creates a staff account with {@code roles} on {@code node} (no rules checked) and returns its token. */
    public static Staff staffOn(RegionFixture.Node node, String... roles) {
        String username = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String password = "pw-" + UUID.randomUUID();
        StaffService service = Arc.container().instance(StaffService.class).get();
        long id = service.createAccount(username, password, "测试" + username, node.id(),
                RegionLevel.valueOf(node.level()), Set.of(roles), null, null).await().atMost(WAIT);
        return new Staff(id, username, password, node.id(), node.path(), Set.of(roles),
                staff(id, node.id(), node.path(), roles));
    }

    /** Creates a resident (as a first WeChat login would) and returns their token. */
    public static Resident resident() {
        String openid = "test-" + UUID.randomUUID();
        Pool pool = Arc.container().instance(Pool.class).get();
        AppUser user = Arc.container().instance(UserRepository.class).get()
                .upsertResident(pool, openid, null).await().atMost(WAIT);
        return new Resident(user.id(), openid, resident(user.id()));
    }

    private static AccessTokens tokens() {
        return Arc.container().instance(AccessTokens.class).get();
    }
}
