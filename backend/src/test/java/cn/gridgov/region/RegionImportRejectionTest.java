package cn.gridgov.region;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.gridgov.region.RegionFixture.COUNTY_CODE;
import static cn.gridgov.region.RegionFixture.feature;
import static cn.gridgov.region.RegionFixture.importFile;
import static cn.gridgov.region.RegionFixture.imported;
import static cn.gridgov.region.RegionFixture.point;
import static cn.gridgov.region.RegionFixture.props;
import static cn.gridgov.region.RegionFixture.withCounty;
import static cn.gridgov.region.RegionFixture.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every way an import file is refused: 422 IMPORT_REJECTED listing each offending feature (index in the file,
 * code, reason), and nothing written. Indexes count the test county, which every file starts with, as 0.
 */
@QuarkusTest
class RegionImportRejectionTest {

    @Test
    void selfIntersectingGeometryIsRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        double x = tree.cell.lng();
        double y = tree.cell.lat();
        // a bow tie: the ring crosses itself
        tree.compoundB.put("geometry", Map.of("type", "Polygon", "coordinates", List.of(List.of(
                List.of(x + 0.009, y + 0.003), List.of(x + 0.013, y + 0.007), List.of(x + 0.013, y + 0.003),
                List.of(x + 0.009, y + 0.007), List.of(x + 0.009, y + 0.003)))));
        rejected(tree.file())
                .body("features", hasSize(1))
                .body("features[0].index", equalTo(4))
                .body("features[0].code", equalTo(tree.cell.code("KB")))
                .body("features[0].reason", startsWith("几何无效"))
                .body("features[0].reason", containsString("Self-intersection"));
        assertNotWritten(tree);
    }

    @Test
    void geometryOfTheWrongTypeForTheLevelIsRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        tree.compoundA.put("geometry", point(tree.cell.lng() + 0.005, tree.cell.lat() + 0.005));
        rejected(tree.file())
                .body("features.index", contains(3))
                .body("features[0].reason", equalTo("小区级节点的几何应为 Polygon / MultiPolygon，实际为 Point"));
    }

    @Test
    void childOutsideItsParentBeyondTheToleranceIsRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        // about 9 m east of the community
        tree.compoundB.put("geometry", tree.cell.box(0.008, 0.002, 0.0171, 0.008));
        rejected(tree.file())
                .body("features.index", contains(4))
                .body("features[0].reason", equalTo("超出上级 " + tree.cell.code("C") + " 的范围（允许误差 2 米）"));
    }

    @Test
    void unknownParentIsRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        props(tree.building3).put("parentCode", tree.cell.code("NOPE"));
        rejected(tree.file())
                .body("features.index", contains(7))
                .body("features[0].reason", equalTo("上级编码 " + tree.cell.code("NOPE") + " 不存在（文件和已有数据中都没有）"));
        assertNotWritten(tree);
    }

    @Test
    void levelThatDoesNotFitUnderTheParentIsRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        props(tree.building2).put("parentCode", tree.cell.code("C")); // a building straight under a community
        rejected(tree.file())
                .body("features.index", contains(6))
                .body("features[0].reason", equalTo("楼栋级节点不能直接挂在社区级节点 " + tree.cell.code("C") + " 之下"));
    }

    @Test
    void duplicateCodesAreRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        props(tree.building3).put("code", tree.cell.code("B1"));
        rejected(tree.file())
                .body("features.index", contains(7))
                .body("features[0].code", equalTo(tree.cell.code("B1")))
                .body("features[0].reason", equalTo("编码 " + tree.cell.code("B1") + " 在文件中重复（已被 features[5] 使用）"));
    }

    @Test
    void aCycleOfParentsIsRejected() {
        RegionFixture.Cell cell = RegionFixture.newCell();
        Map<String, Object> x = feature(cell.code("X"), cell.code("Y"), cell.code("X"), "COMMUNITY",
                cell.box(0.001, 0.001, 0.005, 0.005));
        Map<String, Object> y = feature(cell.code("Y"), cell.code("X"), cell.code("Y"), "COMMUNITY",
                cell.box(0.001, 0.001, 0.005, 0.005));
        rejected(withCounty(x, y))
                .body("features.index", contains(1, 2))
                .body("features.reason", contains("上级关系形成循环：该要素是自己的祖先",
                        "上级关系形成循环：该要素是自己的祖先"));
    }

    @Test
    void coordinatesOutOfRangeAreRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        tree.building2.put("geometry", point(190.5, 36));
        rejected(tree.file())
                .body("features.index", contains(6))
                .body("features[0].reason", startsWith("坐标超出范围：[190.5, 36.0]"));
    }

    @Test
    void missingOrBlankRequiredPropertiesAreRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        props(tree.building1).remove("code");
        props(tree.building2).put("name", "  ");
        props(tree.building3).remove("level");
        props(tree.compoundB).put("parentCode", null);
        rejected(tree.file())
                .body("features.index", contains(4, 5, 6, 7))
                .body("features.reason", contains("缺少必填属性 parentCode", "缺少必填属性 code",
                        "缺少必填属性 name", "缺少必填属性 level"))
                .body("features[1].code", nullValue());
    }

    @Test
    void aSecondCountyIsRejected() {
        imported(withCounty());
        RegionFixture.Cell cell = RegionFixture.newCell();
        Map<String, Object> other = feature(cell.code("CTY"), null, cell.code("另一个县"), "COUNTY",
                cell.box(0, 0, 0.01, 0.01));
        importFile(RegionFixture.collection(List.of(other))).statusCode(422)
                .body("features.index", contains(0))
                .body("features[0].reason", equalTo("只能有一个县级根节点，已有：" + COUNTY_CODE));
        // two in one file: the second one is refused
        rejected(withCounty(other)).body("features.index", contains(1));
    }

    @Test
    void everyOffendingFeatureIsListedAndNothingIsWritten() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        props(tree.compoundA).put("level", "ESTATE");
        tree.building3.remove("geometry");
        rejected(tree.file())
                .body("features.index", contains(3, 7))
                .body("features[0].reason", startsWith("level 无效：ESTATE"))
                .body("features[1].reason", equalTo("缺少几何（geometry）"));
        assertNotWritten(tree);
    }

    @Test
    void reasonsAreInEnglishOnRequest() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        props(tree.building3).put("parentCode", tree.cell.code("NOPE"));
        given().header("Accept-Language", "en").contentType(ContentType.JSON).body(tree.file())
                .post("/api/v1/regions/import").then().statusCode(422)
                .body("code", equalTo("IMPORT_REJECTED"))
                .body("detail", startsWith("Import rejected, nothing was written"))
                .body("features[0].reason",
                        equalTo("parent " + tree.cell.code("NOPE") + " exists neither in the file nor in the tree"));
    }

    @Test
    void aBodyThatIsNotAFeatureCollectionIsABadRequest() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        importFile(tree.town).statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_A_FEATURE_COLLECTION"));
        importFile(Map.of("type", "FeatureCollection")).statusCode(400)
                .body("code", equalTo("NOT_A_FEATURE_COLLECTION"));
        given().contentType(ContentType.JSON).body("{\"type\": \"FeatureCollection\", \"features\": [")
                .post("/api/v1/regions/import").then().statusCode(400).body("code", equalTo("MALFORMED_BODY"));
        importFile(List.of()).statusCode(400).body("code", equalTo("NOT_A_FEATURE_COLLECTION"));
    }

    @Test
    void reshapingAnAreaSoThatItsExistingChildrenFallOutsideIsRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        imported(tree.file());
        // compound A shrinks to its western half: building 2 (not in this file) would be left outside
        tree.compoundA.put("geometry", tree.cell.box(0.002, 0.002, 0.0035, 0.008));
        importFile(withCounty(tree.compoundA)).statusCode(422)
                .body("code", equalTo("IMPORT_REJECTED"))
                .body("features.index", contains(1))
                .body("features[0].reason",
                        equalTo("已有下级节点 " + tree.cell.code("B2") + " 会超出新边界（允许误差 2 米）"));
    }

    @Test
    void changingTheLevelOfANodeWithChildrenIsRejected() {
        RegionFixture.SmallTree tree = new RegionFixture.SmallTree();
        imported(tree.file());
        props(tree.compoundB).put("level", "BUILDING");
        importFile(withCounty(tree.compoundB)).statusCode(422)
                .body("features.index", contains(1, 1))
                .body("features.reason", containsInAnyOrder("改为楼栋级后，已有的 1 个下级节点层级不再匹配",
                        "楼栋级节点不能直接挂在社区级节点 " + tree.cell.code("C") + " 之下"));
    }

    private static ValidatableResponse rejected(Object file) {
        return importFile(file).statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("IMPORT_REJECTED"))
                .body("detail", startsWith("导入被拒绝，未写入任何数据"));
    }

    private static void assertNotWritten(RegionFixture.SmallTree tree) {
        for (Map<String, Object> feature : tree.features()) {
            String name = tree.name(feature);
            given().queryParam("q", name).get("/api/v1/regions").then().statusCode(200)
                    .body("items.findAll { it.name == '" + name + "' }", hasSize(0));
        }
    }
}
