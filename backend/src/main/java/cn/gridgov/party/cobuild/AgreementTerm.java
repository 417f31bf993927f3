package cn.gridgov.party.cobuild;

import cn.gridgov.common.time.ApiTime;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * THE rule of an agreement's term, from the application clock's date in Beijing: valid through its last day
 * ({@code validUntil}), expired after it, expiring soon from {@code noticeDays} days before it. The lists' SQL
 * filter takes its bounds from {@link #soonFrom} and {@link #soonUntil}, so the flag and the filter agree.
 */
public record AgreementTerm(LocalDate today, int noticeDays) {

    public static AgreementTerm of(Clock clock, CobuildConfig config) {
        return new AgreementTerm(LocalDate.ofInstant(clock.instant(), ApiTime.ZONE), config.expiryNoticeDays());
    }

    public boolean expired(LocalDate validUntil) {
        return validUntil.isBefore(today);
    }

    /** Whether an agreement binds both sides today: active, already signed, not past its last day. */
    public boolean inForce(String status, LocalDate signedOn, LocalDate validUntil) {
        return "ACTIVE".equals(status) && !expired(validUntil) && !signedOn.isAfter(today);
    }

    /** Still valid, and its last day is at most {@code noticeDays} days away. */
    public boolean expiringSoon(LocalDate validUntil) {
        return !validUntil.isBefore(soonFrom()) && !validUntil.isAfter(soonUntil());
    }

    /** Days left until the last valid day (0 on it, negative once expired). */
    public long daysLeft(LocalDate validUntil) {
        return ChronoUnit.DAYS.between(today, validUntil);
    }

    /** The first last-day that counts as expiring soon: today. */
    public LocalDate soonFrom() {
        return today;
    }

    /** The last last-day that counts as expiring soon. */
    public LocalDate soonUntil() {
        return today.plusDays(noticeDays);
    }
}
