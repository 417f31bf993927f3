package cn.gridgov.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** How state changes become WeChat subscribe messages (gridgov.notify.*) and how the realtime feed replays. */
@ConfigMapping(prefix = "gridgov.notify")
public interface NotifyConfig {

    /**
     * The subscribe-message template id per event type ({@code created}, {@code transitioned}, {@code yellow},
     * {@code red}, {@code escalated}); an event type without a template sends no message.
     */
    Map<String, String> templates();

    /** Whether this replica sends due outbox rows (every replica may; rows are claimed, never shared). */
    @WithDefault("true")
    boolean senderEnabled();

    /** How often the sender looks for due rows (read by the outbox sender's {@code @Scheduled} expression). */
    @WithDefault("5s")
    String senderInterval();

    /** How many rows one sender pass claims. */
    @WithDefault("50")
    int batchSize();

    /** Attempts before a row that keeps meeting a busy or silent WeChat is given up (FAILED). */
    @WithDefault("5")
    int maxAttempts();

    /** The pause after the first failed attempt; it doubles with each attempt. */
    @WithDefault("PT30S")
    Duration backoff();

    /** The longest pause between attempts. */
    @WithDefault("PT30M")
    Duration maxBackoff();

    /**
     * A row claimed (SENDING) for longer than this belongs to a sender that stopped mid-send: its outcome is
     * unknown, so it is recorded as FAILED and not sent again.
     */
    @WithDefault("PT5M")
    Duration sendingLease();

    /** The mini-program page a message opens; {@code {id}} is the incident's id. */
    @WithDefault("pages/incident/detail?id={id}")
    String page();

    /** {@code formal}, {@code trial} or {@code developer}: which version of the mini program opens. */
    @WithDefault("formal")
    String miniprogramState();

    /** The language of the message. */
    @WithDefault("zh_CN")
    String lang();

    /** The template's data keys (they depend on the templates chosen in the WeChat console). */
    Fields fields();

    /** How many missed events a reconnecting feed client is sent at most (then it should reload). */
    @WithDefault("1000")
    int replayLimit();

    /**
     * How many ids up to a reconnecting client's {@code lastEventId} are replayed again. Ids are taken at insert
     * and become visible at commit, so a change with a lower id can commit after one the client already saw;
     * this overlap makes sure such a change still reaches it.
     */
    @WithDefault("100")
    int replayOverlap();

    /**
     * Whether this replica sweeps the flow for events it was never told of (a new incident's events are published
     * after its commit, {@link CommittedEvents}: a replica that stops in between leaves them unpublished).
     */
    @WithDefault("true")
    boolean sweepEnabled();

    /** How often the sweep runs (read by {@link EventListener}'s {@code @Scheduled} expression). */
    @WithDefault("5s")
    String sweepEvery();

    /**
     * How many ids up to the highest this replica passed on each sweep reads again (with every id after it): more
     * than the flow rows written between two sweeps at the busiest.
     */
    @WithDefault("5000")
    int sweepOverlap();

    /** How long a feed connection may leave its frames unread (send buffer full) before it is closed with 4408. */
    @WithDefault("PT10S")
    Duration feedStallTimeout();

    /**
     * The shortest time between two deliveries of feed events on one event loop: an event that comes sooner waits
     * for the next, and the events waiting go to each connection in one write. A quiet feed delivers each event at
     * once; a busy one makes one write per connection per interval instead of one per event (0: no wait).
     */
    @WithDefault("PT0.1S")
    Duration feedBatchInterval();

    /** How many feed connections one user may hold on one replica; one more is refused with 429 at the upgrade. */
    @WithDefault("5")
    int feedMaxPerUser();

    /**
     * How many feed connections one client address (as seen through the trusted proxies) may hold on one replica;
     * one more is refused with 429 at the upgrade.
     */
    @WithDefault("50")
    int feedMaxPerAddress();

    /** How long a feed ticket ({@code POST /api/v1/feed/tickets}, used once as {@code ?ticket=}) stays valid. */
    @WithDefault("PT30S")
    Duration feedTicketTtl();

    /**
     * How many feed tickets one user may take per {@link #feedTicketWindow()} (a browser needs one per
     * connection); more are refused with 429 {@code TOO_MANY_TICKETS} and {@code Retry-After}.
     */
    @WithDefault("30")
    int feedTicketsPerUser();

    /** The window of {@link #feedTicketsPerUser()}, starting at the first ticket taken. */
    @WithDefault("PT1M")
    Duration feedTicketWindow();

    /** Data keys of the subscribe-message templates. */
    interface Fields {
        /** The incident's number. */
        @WithDefault("character_string1")
        String number();

        /** The incident's category. */
        @WithDefault("thing2")
        String category();

        /** Its state after the change (at most five characters). */
        @WithDefault("phrase3")
        String status();

        /** When it changed. */
        @WithDefault("time4")
        String time();

        /** A note: the comment, or what happened. */
        @WithDefault("thing5")
        String note();
    }
}
