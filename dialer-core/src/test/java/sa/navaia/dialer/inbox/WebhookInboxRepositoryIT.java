package sa.navaia.dialer.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.db.TestDatabase;

class WebhookInboxRepositoryIT {

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");

    private static NewInboxMessage message(String key) {
        return new NewInboxMessage("twilio", "status", key, "vs_1", "CA1", null, "/api/twilio/status/vs_1",
                "application/x-www-form-urlencoded", "CallSid=CA1&CallStatus=ringing");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aDuplicateIsNotStoredTwice(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            WebhookInboxRepository inbox = new WebhookInboxRepository(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));

            assertThat(inbox.store(message("k1"))).isPresent();
            assertThat(inbox.store(message("k1"))).isEmpty();
            assertThat(inbox.findByDedupeKey("k1").orElseThrow().status()).isEqualTo(InboxStatus.PENDING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void failedPayloadsComeBackWhenDueAndUnmatchedOnesStayListed(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            WebhookInboxRepository now = new WebhookInboxRepository(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
            WebhookInboxRepository later = new WebhookInboxRepository(db.dataSource(),
                    Clock.fixed(NOW.plus(Duration.ofMinutes(1)), ZoneOffset.UTC));
            long retried = now.store(message("retry")).orElseThrow();
            long givenUp = now.store(message("given-up")).orElseThrow();
            long orphan = now.store(message("orphan")).orElseThrow();
            long done = now.store(message("done")).orElseThrow();

            assertThat(now.due(10)).as("in-line processing gets a grace period first").isEmpty();
            now.markFailed(retried, "boom", NOW.plusSeconds(10));
            now.markFailed(givenUp, "boom for good", null);
            now.markUnmatched(orphan, "no session");
            now.markProcessed(done);

            assertThat(later.due(10)).extracting(InboxMessage::id).containsExactly(retried);
            assertThat(later.find(retried).orElseThrow().attempts()).isEqualTo(1);
            assertThat(later.withStatus(InboxStatus.FAILED)).extracting(InboxMessage::id).containsExactlyInAnyOrder(retried, givenUp);
            assertThat(later.withStatus(InboxStatus.UNMATCHED)).singleElement()
                    .satisfies(m -> assertThat(m.lastError()).contains("no session"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aStoredPayloadIsAnsweredAsItReadsBack(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            WebhookInboxRepository inbox = new WebhookInboxRepository(db.dataSource(),
                    Clock.fixed(NOW.plusNanos(1_234_567), ZoneOffset.UTC));

            InboxMessage stored = inbox.storePending(message("as-read")).orElseThrow();

            InboxMessage read = inbox.find(stored.id()).orElseThrow();
            assertThat(stored).usingRecursiveComparison().ignoringFields("receivedAt", "nextAttemptAt").isEqualTo(read);
            // Connector/J sends whole seconds to MariaDB (it takes it for MySQL 5.5); other databases keep milliseconds.
            assertThat(Duration.between(read.receivedAt(), stored.receivedAt())).isBetween(Duration.ZERO, Duration.ofSeconds(1));
            assertThat(Duration.between(read.nextAttemptAt().orElseThrow(), stored.nextAttemptAt().orElseThrow()))
                    .isBetween(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.class)
    void aDuplicateInsideATransactionFailsOnlyItsOwnInsert(TestDatabase kind) {
        try (TestDatabase.Migrated db = kind.create()) {
            WebhookInboxRepository inbox = new WebhookInboxRepository(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
            inbox.store(message("earlier"));

            List<Optional<InboxMessage>> stored = transaction.execute(status -> Stream.of("a", "earlier", "b", "a")
                    .map(key -> inbox.storePending(message(key))).toList());

            assertThat(stored).extracting(Optional::isPresent).containsExactly(true, false, true, false);
            assertThat(inbox.withStatus(InboxStatus.PENDING)).extracting(InboxMessage::dedupeKey)
                    .containsExactlyInAnyOrder("earlier", "a", "b");
        }
    }
}
