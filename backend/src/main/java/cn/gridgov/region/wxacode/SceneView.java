package cn.gridgov.region.wxacode;

import cn.gridgov.region.Region;
import cn.gridgov.region.RegionLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a scanned scene names: the node and its chain from the county down to the node itself. */
@Schema(name = "WxacodeScene", description = "扫码得到的 scene 所指的区域节点及其上级链")
public record SceneView(
        @Schema(description = "小程序码携带的 scene", example = "r=k7m2x9qa") String scene,
        @Schema(description = "所指节点（通常为楼栋或小区）") Node node,
        @Schema(description = "从县到节点本身的链，上级在前") List<Node> chain) {

    /** A node as a resident may see it: id, name and level only. */
    @Schema(name = "WxacodeSceneNode", description = "区域节点（仅编号、名称和层级）")
    public record Node(
            @Schema(example = "2051") long id,
            @Schema(example = "幸福里3栋") String name,
            RegionLevel level) {

        static Node of(Region region) {
            return new Node(region.id(), region.name(), region.level());
        }
    }
}
