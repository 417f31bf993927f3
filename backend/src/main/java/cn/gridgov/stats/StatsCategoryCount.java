package cn.gridgov.stats;

/** How many incidents of one category were received in the period. */
public record StatsCategoryCount(long categoryId, String code, String name, long count) {
}
