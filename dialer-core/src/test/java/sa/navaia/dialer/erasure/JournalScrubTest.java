package sa.navaia.dialer.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sa.navaia.dialer.inbox.JournalLines;
import sa.navaia.dialer.inbox.NewInboxMessage;

/** Erasure reaches the webhooks a receiver journaled while the database was away, except in a segment still being written. */
class JournalScrubTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String PHONE = "+19385550001";

    @TempDir
    Path dir;

    @Test
    void blanksThePersonsRecordsInClosedSegmentsAndSetAsideFilesAndLeavesTheSegmentInUse() throws IOException {
        String status = JournalLines.line(twilio("vs_person", "To=%2B19385550001&CallStatus=completed"), 1L);
        String postCall = JournalLines.line(new NewInboxMessage("elevenlabs", "post_call_transcription", "el:conv_9", null,
                null, "conv_9", "/voice/post_call", "application/json",
                "{\"data\":{\"transcript\":[{\"message\":\"I am Ann Lee\"}],\"phone\":\"+19385550001\"}}"), 2L);
        String bySession = JournalLines.line(twilio("vs_person", "CallSid=CA1&DialCallStatus=no-answer"), 3L);
        String someoneElse = JournalLines.line(twilio("vs_other", "To=%2B19385550002&CallStatus=completed"), 4L);
        String damaged = "deadbeef {\"body\":\"To=%2B19385550001 cut sh";
        Path closed = write("journal-000000000001.log", status + postCall + damaged + "\n" + someoneElse, Duration.ofHours(1));
        Path rejected = write("journal-000000000001.log.rejected", bySession, Duration.ofHours(1));
        Path active = write("journal-000000000002.log", status, Duration.ofSeconds(10));

        JournalScrub.Result result = new JournalScrub(Clock.fixed(NOW, ZoneOffset.UTC)).scrub(dir, List.of(PHONE),
                Set.of("vs_person"));

        assertThat(result.records()).isEqualTo(4);
        assertThat(result.files()).isEqualTo(2);
        assertThat(result.inUse()).containsExactly(active);
        String closedText = Files.readString(closed);
        assertThat(closedText).doesNotContain("9385550001").doesNotContain("Ann Lee").contains("9385550002");
        List<String> lines = closedText.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(line -> assertThat(JournalLines.parse(line)).as("still a sound record").isNotNull());
        assertThat(JournalLines.parse(lines.get(0)).body()).isEqualTo("{}");
        assertThat(JournalLines.parse(lines.get(0)).sessionId()).isEqualTo("vs_person");
        assertThat(JournalLines.parse(Files.readString(rejected).strip()).body()).isEqualTo("{}");
        assertThat(Files.readString(active)).isEqualTo(status);
        assertThat(result.describe()).contains("4 journal record(s) blanked in 2 file(s)").contains("run erase again");

        assertThat(new JournalScrub(Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC))
                .scrub(dir, List.of(PHONE), Set.of()).records()).as("once the segment is quiet").isEqualTo(1);
        assertThat(Files.readString(active)).doesNotContain("9385550001");
    }

    @Test
    void aMissingJournalFolderHasNothingToErase() {
        assertThat(new JournalScrub(Clock.systemUTC()).scrub(dir.resolve("none"), List.of(PHONE), Set.of()))
                .isEqualTo(new JournalScrub.Result(0, 0, List.of()));
    }

    private static NewInboxMessage twilio(String session, String body) {
        return new NewInboxMessage("twilio", "status", "twilio:" + body.hashCode(), session, "CA1", null,
                "/api/twilio/status/" + session, "application/x-www-form-urlencoded", body);
    }

    private Path write(String name, String text, Duration age) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
        return file;
    }
}
