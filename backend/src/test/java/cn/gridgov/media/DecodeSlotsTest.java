package cn.gridgov.media;

import cn.gridgov.common.error.RetryLater;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The decode limiter alone: a slot is held while decoding, refused (503, Retry-After) when none is free. */
class DecodeSlotsTest {

    @Test
    void aDecodeWhileEverySlotIsHeldIsRefusedAndASlotIsFreedAfterwards() {
        DecodeSlots slots = new DecodeSlots(1, Duration.ZERO);
        RetryLater refused = slots.run(() -> assertThrows(RetryLater.class, () -> slots.run(() -> "second")));
        assertEquals(503, refused.status());
        assertEquals("MEDIA_BUSY", refused.code());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals("again", slots.run(() -> "again"), "the slot is free once the first decode is done");
    }

    @Test
    void aFailedDecodeGivesItsSlotBack() {
        DecodeSlots slots = new DecodeSlots(1, Duration.ofMillis(1500));
        assertThrows(IllegalStateException.class, () -> slots.run(() -> {
            throw new IllegalStateException("broken image");
        }));
        assertEquals("ok", slots.run(() -> "ok"));
        RetryLater refused = slots.run(() -> assertThrows(RetryLater.class, () -> slots.run(() -> "x")));
        assertEquals(2, refused.retryAfterSeconds(), "Retry-After rounds the wait up to whole seconds");
    }
}
