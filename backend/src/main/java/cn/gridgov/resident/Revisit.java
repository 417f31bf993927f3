package cn.gridgov.resident;

import java.time.Instant;

/** A revisit (回访) of an incident its reporter rated low: one per incident, for its community, with a deadline. */
public record Revisit(long id, long incidentId, String categoryName, Long communityId, String regionPath, int rating,
                      String ratingComment, Instant dueAt, Status status, Outcome outcome, String note,
                      boolean reopened, Long recordedBy, Instant recordedAt, Instant createdAt, int version) {

    /** Whether it still waits for staff. */
    public enum Status { OPEN, DONE }

    /** What the revisit found. */
    public enum Outcome {
        /** The resident is satisfied after all. */
        SATISFIED,
        /** Still unhappy (the incident may be reopened). */
        UNSATISFIED,
        /** Nobody could be reached. */
        UNREACHABLE
    }
}
