package cn.gridgov.region.wxacode;

/** A node's scene: its short code, and where its mini-program code is stored (null until made) for which page. */
public record SceneRow(long regionId, String sceneCode, String objectKey, String page) {

    /** The prefix of a node's scene ("r=" + its short code). */
    static final String PREFIX = "r=";

    /** The scene a code carries, at most 32 characters. */
    public String scene() {
        return PREFIX + sceneCode;
    }
}
