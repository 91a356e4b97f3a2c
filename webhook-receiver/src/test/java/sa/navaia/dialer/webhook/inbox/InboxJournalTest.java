package sa.navaia.dialer.webhook.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sa.navaia.dialer.inbox.NewInboxMessage;

class InboxJournalTest {

    private static final NewInboxMessage POST_CALL = new NewInboxMessage("elevenlabs", "post_call_transcription",
            "elevenlabs:post_call_transcription:conv_1", null, "CA1", "conv_1", "/voice/post_call", "application/json",
            "{\"data\":{\"transcript\":\"line one\\nline two ü 😀\"}}\n");

    @Test
    void aRecordIsOneLineAndReadsBackAsTheSamePayload() {
        String line = InboxJournal.line(POST_CALL, 1_700_000_000_000L);

        assertThat(line).endsWith("\n").doesNotContain("\r").hasLineCount(1);
        assertThat(InboxJournal.parse(line.strip())).isEqualTo(POST_CALL);
    }

    @Test
    void aLineCutShortOrAlteredIsNotReadAsAPayload() {
        String line = InboxJournal.line(POST_CALL, 1_700_000_000_000L).strip();

        assertThat(InboxJournal.parse(line.substring(0, line.length() - 5))).isNull();
        assertThat(InboxJournal.parse(line.replace("conv_1", "conv_2"))).isNull();
        assertThat(InboxJournal.parse("garbage")).isNull();
    }
}
