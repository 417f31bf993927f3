package cn.gridgov.hotline;

/** A hotline platform holding a key: its scope (a node and its path), the user it reports as, its callback URL. */
public record HotlineClient(long id, String name, long regionId, String scopePath, long userId, String callbackUrl) {
}
