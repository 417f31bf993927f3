package cn.gridgov.party.cobuild;

import cn.gridgov.common.error.DomainException;

import java.time.LocalDate;

/** The dates the co-building endpoints take (agreements, planned and actual use) lie in 2000–2099: a typo answers 400. */
final class CobuildDates {

    static final LocalDate MIN = LocalDate.of(2000, 1, 1);
    static final LocalDate MAX = LocalDate.of(2099, 12, 31);

    private CobuildDates() {
    }

    static void check(String field, LocalDate date) {
        if (date != null && (date.isBefore(MIN) || date.isAfter(MAX))) {
            throw DomainException.badRequest("BAD_DATE", field + " 应在 " + MIN + " 到 " + MAX + " 之间：" + date,
                    field + " must lie between " + MIN + " and " + MAX + ": " + date);
        }
    }
}
