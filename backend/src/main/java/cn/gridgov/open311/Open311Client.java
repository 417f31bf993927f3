package cn.gridgov.open311;

/** A system holding an Open311 API key: its scope (a node and its path) and the user it reports as. */
public record Open311Client(long id, String name, long regionId, String scopePath, long userId) {
}
