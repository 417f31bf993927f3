package cn.gridgov.region;

import cn.gridgov.common.security.Role;
import cn.gridgov.department.DepartmentFixture;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.wxacode.SceneRepository;
import cn.gridgov.wechat.DevQrCode;
import cn.gridgov.wechat.WeChatStub;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

import static cn.gridgov.wechat.WeChatStub.server;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Building and grid codes from the outside, WeChat being a WireMock stub: a node's code is asked of
 * {@code getwxacodeunlimit} once (scene {@code r=<code>}, the request form's page) and served from object storage
 * afterwards; staff outside the node get 404, residents 403; WeChat's refusals are clear problems; a compound's
 * ZIP holds one code per building; a scanned scene resolves to the node and its chain.
 */
@QuarkusTest
@WithTestResource(value = WeChatStub.class, scope = TestResourceScope.GLOBAL)
class WxacodeTest {

    private static final String PATH = "/wxa/getwxacodeunlimit";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What the stub answers for every code: a real PNG, made once. */
    private static final byte[] PNG = DevQrCode.png("stub-wxacode", 120);

    @BeforeAll
    static void stubAnswersPng() {
        server().stubFor(post(urlPathEqualTo(PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PNG)));
    }

    private static RequestPatternBuilder codeRequestsFor(String scene) {
        return postRequestedFor(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.scene", com.github.tomakehurst.wiremock.client.WireMock.equalTo(scene)));
    }

    private static int requestsFor(String scene) {
        return server().countRequestsMatching(codeRequestsFor(scene).build()).getCount();
    }

    /** The scene a node will carry (its row made now, as the first request would). */
    private static String sceneOf(RegionFixture.Node node) {
        return "r=" + Arc.container().instance(SceneRepository.class).get().ensure(node.id()).await().atMost(WAIT)
                .sceneCode();
    }

    private static Response code(String token, RegionFixture.Node node) {
        return given().auth().oauth2(token).when().get("/api/v1/regions/" + node.id() + "/wxacode");
    }

    @Test
    void aCodeIsAskedOfWeChatOnceAndServedFromStorageAfterwards() {
        RegionFixture.Tree tree = RegionFixture.create();
        String token = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN).token();

        Response first = code(token, tree.buildingA());
        first.then().statusCode(200).contentType("image/png");
        String scene = first.header("X-Wxacode-Scene");
        assertTrue(scene.matches("r=[a-z0-9]{8}") && scene.length() <= 32, scene);
        assertArrayEquals(PNG, first.asByteArray());
        assertEquals(1, requestsFor(scene));
        JsonObject body = new JsonObject(server().findAll(codeRequestsFor(scene)).get(0).getBodyAsString());
        assertEquals(scene, body.getString("scene"));
        assertEquals("pages/request/new", body.getString("page"));
        assertEquals(false, body.getBoolean("check_path"));
        assertEquals("release", body.getString("env_version"));
        assertEquals(WeChatStub.TOKEN, server().findAll(codeRequestsFor(scene)).get(0).queryParameter("access_token")
                .firstValue());

        // again, and by the building's own lead and the compound's grid worker: the stored PNG, WeChat not asked again
        Response second = code(token, tree.buildingA());
        second.then().statusCode(200).contentType("image/png").header("X-Wxacode-Scene", scene);
        assertArrayEquals(PNG, second.asByteArray());
        code(TestTokens.staffOn(tree.buildingA(), Role.BUILDING_LEAD).token(), tree.buildingA())
                .then().statusCode(200).header("X-Wxacode-Scene", scene);
        code(TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER).token(), tree.buildingA())
                .then().statusCode(200).header("X-Wxacode-Scene", scene);
        assertEquals(1, requestsFor(scene), "generated once, then served from object storage");
    }

    @Test
    void staffOutsideTheNodeGet404ResidentsAndDepartments403() {
        RegionFixture.Tree tree = RegionFixture.create();
        String adminA = TestTokens.staffOn(tree.communityA(), Role.COMMUNITY_ADMIN).token();
        for (RegionFixture.Node other : List.of(tree.buildingB(), tree.compoundB(), tree.communityB(), tree.town())) {
            code(adminA, other).then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("REGION_NOT_FOUND"));
            given().auth().oauth2(adminA).when().get("/api/v1/regions/" + other.id() + "/wxacodes.zip")
                    .then().statusCode(404).contentType("application/problem+json");
        }
        // a building lead sees their building only, not the compound above it
        String lead = TestTokens.staffOn(tree.buildingA(), Role.BUILDING_LEAD).token();
        code(lead, tree.compoundA()).then().statusCode(404);
        code(adminA, new RegionFixture.Node(999_999_999L, "", "", "BUILDING", "", 0, 0)).then().statusCode(404);

        code(TestTokens.resident().token(), tree.buildingA()).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.resident().token())
                .when().get("/api/v1/regions/" + tree.compoundA().id() + "/wxacodes.zip").then().statusCode(403);
        long department = DepartmentFixture.department("楼栋码测试部门");
        code(DepartmentFixture.staffOf(department, tree.county().id(), Role.DEPT_ADMIN).token(), tree.buildingA())
                .then().statusCode(403);
        given().when().get("/api/v1/regions/" + tree.buildingA().id() + "/wxacode").then().statusCode(401);
        // nothing was made for the nodes asked about from outside
        SceneRepository scenes = Arc.container().instance(SceneRepository.class).get();
        for (RegionFixture.Node other : List.of(tree.buildingB(), tree.compoundB(), tree.compoundA())) {
            assertEquals(null, scenes.find(other.id()).await().atMost(WAIT), other.name());
        }
    }

    @Test
    void weChatRefusalsAreClearProblemsAndNothingIsStored() {
        RegionFixture.Tree tree = RegionFixture.create();
        String token = TestTokens.staffOn(tree.town(), Role.TOWN_ADMIN).token();

        String pageScene = sceneOf(tree.buildingA());
        StubMapping refused = server().stubFor(forScene(pageScene).atPriority(1)
                .willReturn(WeChatStub.wechat("{\"errcode\":41030,\"errmsg\":\"invalid page rid: 1\"}")));
        code(token, tree.buildingA()).then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("WECHAT_PAGE_INVALID"))
                .body("detail", containsString("小程序码的页面"));
        server().removeStub(refused);
        // once WeChat accepts, the code is made (the refusal stored nothing)
        code(token, tree.buildingA()).then().statusCode(200).header("X-Wxacode-Scene", pageScene);
        assertEquals(2, requestsFor(pageScene));

        String busyScene = sceneOf(tree.buildingB());
        server().stubFor(forScene(busyScene).atPriority(1)
                .willReturn(WeChatStub.wechat("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}")));
        code(token, tree.buildingB()).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("60"))
                .body("code", equalTo("WECHAT_UNAVAILABLE"))
                .body("detail", containsString("过于频繁"));

        String otherScene = sceneOf(tree.compoundB());
        server().stubFor(forScene(otherScene).atPriority(1)
                .willReturn(WeChatStub.wechat("{\"errcode\":40159,\"errmsg\":\"invalid length for path\"}")));
        code(token, tree.compoundB()).then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("WECHAT_ERROR"))
                .body("detail", containsString("微信服务返回错误（40159）"));
    }

    private static MappingBuilder forScene(String scene) {
        return post(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.scene", com.github.tomakehurst.wiremock.client.WireMock.equalTo(scene)));
    }

    @Test
    void aCompoundsZipHoldsOneCodePerBuildingNamedByTheBuilding() throws IOException {
        RegionFixture.Tree tree = RegionFixture.create();
        RegionFixture.Node compound = tree.compoundA();
        RegionFixture.Node second = RegionFixture.node(compound.code() + "-2", compound.name() + "2号楼", "BUILDING",
                compound, compound.lng() + 0.002, compound.lat() + 0.002, 0);
        String token = TestTokens.staffOn(tree.communityA(), Role.GRID_LEADER).token();
        // one code made before: it is taken from storage, not asked again
        String firstScene = code(token, tree.buildingA()).then().statusCode(200).extract().header("X-Wxacode-Scene");

        Response zip = given().auth().oauth2(token).when().get("/api/v1/regions/" + compound.id() + "/wxacodes.zip");
        zip.then().statusCode(200).contentType("application/zip").header("X-Wxacode-Count", "2")
                .header("Content-Disposition", containsString("filename*=UTF-8''"));
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.asByteArray()), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                // the code as WeChat made it, with the building's name written in a white band under it
                BufferedImage original = ImageIO.read(new ByteArrayInputStream(PNG));
                BufferedImage printed = ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
                assertEquals(original.getWidth(), printed.getWidth(), entry.getName());
                assertTrue(printed.getHeight() > original.getHeight(), entry.getName() + ": a band for the name");
                for (int y = 0; y < original.getHeight(); y += 7) {
                    for (int x = 0; x < original.getWidth(); x += 7) {
                        assertEquals(original.getRGB(x, y) & 0xFFFFFF, printed.getRGB(x, y) & 0xFFFFFF, "the code unchanged");
                    }
                }
                int dark = 0;
                for (int y = original.getHeight(); y < printed.getHeight(); y++) {
                    for (int x = 0; x < printed.getWidth(); x++) {
                        dark += (printed.getRGB(x, y) & 0xFF) < 128 ? 1 : 0;
                    }
                }
                assertTrue(dark > 20, entry.getName() + ": the name is written in the band (" + dark + " dark pixels)");
            }
        }
        List<String> expected = new ArrayList<>(List.of(tree.buildingA().name() + ".png", second.name() + ".png"));
        expected.sort(null);
        assertEquals(expected, names);
        assertEquals(1, requestsFor(firstScene), "the stored code was not asked again");
        assertEquals(1, requestsFor(sceneOf(second)));

        // only for a compound
        given().auth().oauth2(token).when().get("/api/v1/regions/" + tree.communityA().id() + "/wxacodes.zip")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("WXACODE_NOT_COMPOUND"));
    }

    @Test
    void aScannedSceneResolvesToItsNodeAndChain() {
        RegionFixture.Tree tree = RegionFixture.create();
        String scene = code(TestTokens.staffOn(tree.compoundA(), Role.GRID_WORKER).token(), tree.buildingA())
                .then().statusCode(200).extract().header("X-Wxacode-Scene");
        String resident = TestTokens.resident().token();
        // as the mini program sends it (URL-encoded) and as it is
        for (String sent : List.of(scene.replace("=", "%3D"), scene)) {
            given().urlEncodingEnabled(false).auth().oauth2(resident).when().get("/api/v1/scenes/" + sent)
                    .then().statusCode(200)
                    .body("scene", equalTo(scene))
                    .body("node.id", equalTo((int) tree.buildingA().id()))
                    .body("node.name", equalTo(tree.buildingA().name()))
                    .body("node.level", equalTo("BUILDING"))
                    .body("chain.id", org.hamcrest.Matchers.contains((int) tree.county().id(), (int) tree.town().id(),
                            (int) tree.communityA().id(), (int) tree.compoundA().id(), (int) tree.buildingA().id()))
                    .body("chain[0].level", equalTo("COUNTY"))
                    .body("node", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("attributes")));
        }
        // staff of another community may resolve it too (they only learn a node's name)
        given().urlEncodingEnabled(false).auth().oauth2(TestTokens.staffOn(tree.communityB(), Role.COMMUNITY_ADMIN).token())
                .when().get("/api/v1/scenes/" + scene.replace("=", "%3D")).then().statusCode(200);

        for (String unknown : List.of("r%3Dzzzzzzzz", "b%3D123", "nonsense", "r%3D")) {
            given().urlEncodingEnabled(false).auth().oauth2(resident).when().get("/api/v1/scenes/" + unknown)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("SCENE_NOT_FOUND"))
                    .body("detail", containsString("小程序码无效"));
        }
        given().urlEncodingEnabled(false).when().get("/api/v1/scenes/" + scene.replace("=", "%3D"))
                .then().statusCode(401);
    }
}
