package sa.navaia.dialer.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import sa.navaia.dialer.db.TestDatabase;

/** Applied payloads older than the cut-off move to the archive whole; everything an operator or the report reads stays. */
class InboxArchiveIT {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static NewInboxMessage message(String key) {
        return new NewInboxMessage("twilio", "status", key, "vs_" + key, "CA" + key, null, "/api/twilio/status/vs_" + key,
                "application/x-www-form-urlencoded", "CallSid=CA" + key + "&CallStatus=completed");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void oldAppliedPayloadsMoveToTheArchiveInBatchesAndTheRestStays(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            WebhookInboxRepository monthAgo = new WebhookInboxRepository(db.dataSource(),
                    Clock.fixed(NOW.minus(Duration.ofDays(30)), ZoneOffset.UTC));
            WebhookInboxRepository today = new WebhookInboxRepository(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
            // More than one batch of old applied payloads.
            List<InboxMessage> old = monthAgo.storeAllPending(
                    IntStream.range(0, InboxArchive.BATCH + 5).mapToObj(i -> message("old-" + i)).toList());
            old.forEach(m -> monthAgo.markProcessed(m.id()));
            long unmatched = monthAgo.store(message("old-unmatched")).orElseThrow();
            monthAgo.markUnmatched(unmatched, "no session");
            long failed = monthAgo.store(message("old-failed")).orElseThrow();
            monthAgo.markFailed(failed, "boom", null);
            long recent = today.store(message("recent")).orElseThrow();
            today.markProcessed(recent);
            String body = JdbcClient.create(db.dataSource()).sql("SELECT body FROM webhook_inbox WHERE id = :id")
                    .param("id", old.get(7).id()).query(String.class).single();

            InboxArchive.Archived archived = new InboxArchive(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC))
                    .archive(Duration.ofDays(14));

            assertThat(archived.payloads()).isEqualTo(InboxArchive.BATCH + 5);
            assertThat(archived.receivedBefore()).isEqualTo(NOW.minus(Duration.ofDays(14)));
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            assertThat(jdbc.sql("SELECT id FROM webhook_inbox ORDER BY id").query(Long.class).list())
                    .containsExactly(unmatched, failed, recent);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_inbox_archive").query(Long.class).single())
                    .isEqualTo(InboxArchive.BATCH + 5L);
            assertThat(jdbc.sql("SELECT dedupe_key, body, status FROM webhook_inbox_archive WHERE id = :id")
                    .param("id", old.get(7).id())
                    .query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single())
                    .containsExactly("old-7", body, "processed");
            assertThat(today.withStatus(InboxStatus.UNMATCHED)).extracting(InboxMessage::id).containsExactly(unmatched);

            InboxArchive.Archived again = new InboxArchive(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC))
                    .archive(Duration.ofDays(14));
            assertThat(again.payloads()).as("a second run finds nothing more to move").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void payloadsYoungerThanAWeekAreNeverArchived(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            InboxArchive archive = new InboxArchive(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));

            assertThatThrownBy(() -> archive.archive(Duration.ofDays(2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("younger than 7 days");
        }
    }
}
