package sa.navaia.dialer.dialing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.eligibility.AttemptOutcome;
import sa.navaia.dialer.eligibility.RetryPolicy;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.VoiceSession;

/**
 * What a call's end means for its contact: busy, no-answer, failed and voicemail are retried after the
 * campaign's backoff while attempts remain ({@code retry}, {@code next_attempt_at}); every other outcome,
 * or the last attempt, is final ({@code done}, {@code final_outcome}). Only a contact still
 * {@code dialing} moves, so a duplicate or late report changes nothing.
 */
public final class ContactOutcomes implements CallOutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(ContactOutcomes.class);

    private final CampaignRepository campaigns;
    private final DialingContactRepository contacts;

    public ContactOutcomes(CampaignRepository campaigns, DialingContactRepository contacts) {
        this.campaigns = campaigns;
        this.contacts = contacts;
    }

    @Override
    public void callEnded(VoiceSession session, String outcome, Instant at) {
        session.contactId().ifPresent(contactId -> callEnded(contactId, outcome, at));
    }

    /** Applies the outcome of the contact's current attempt; false when the contact was not {@code dialing}. */
    public boolean callEnded(long contactId, String outcome, Instant at) {
        DueContact contact = contacts.find(contactId).orElse(null);
        if (contact == null || !"dialing".equals(contact.status())) {
            return false;
        }
        Campaign campaign = campaigns.findById(contact.campaignId()).orElseThrow(() -> new IllegalStateException(
                "Contact " + contactId + " belongs to campaign " + contact.campaignId() + ", which does not exist."));
        RetryPolicy.Next next = policy(campaign).after(AttemptOutcome.of(outcome), Math.max(1, contact.attemptsMade()), at);
        boolean moved = next instanceof RetryPolicy.Retry retry
                ? contacts.retryAt(contactId, retry.at())
                : contacts.finish(contactId, ((RetryPolicy.Final) next).outcome().code());
        if (moved) {
            log.info("Contact {} ({}): {}", contactId, PhoneNumbers.mask(contact.phoneE164()), next.detail());
        }
        return moved;
    }

    static RetryPolicy policy(Campaign campaign) {
        List<Duration> backoff = campaign.retryBackoff().isEmpty()
                ? List.of(campaign.minGap().isZero() ? Duration.ofHours(1) : campaign.minGap())
                : campaign.retryBackoff();
        return new RetryPolicy(campaign.maxAttempts(), backoff);
    }
}
