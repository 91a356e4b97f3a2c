package sa.navaia.dialer.dialing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.eligibility.AttemptOutcome;
import sa.navaia.dialer.eligibility.RetryPolicy;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.session.VoiceSession;

/**
 * What a call's end means for its contact: busy, no-answer, failed, voicemail and agent-unavailable are retried after
 * the campaign's backoff (or the outcome's own rule in the campaign's policy) while attempts remain ({@code retry}, {@code next_attempt_at}); every other outcome,
 * or the last attempt, is final ({@code done}, {@code final_outcome}). Only a contact still
 * {@code dialing} moves, so a duplicate or late report changes nothing.
 */
public final class ContactOutcomes implements CallOutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(ContactOutcomes.class);

    private final CampaignRepository campaigns;
    private final CampaignPolicyRepository policies;
    private final DialingContactRepository contacts;
    private final AbandonmentGuard abandonment;

    public ContactOutcomes(CampaignRepository campaigns, CampaignPolicyRepository policies, DialingContactRepository contacts,
                           AbandonmentGuard abandonment) {
        this.campaigns = campaigns;
        this.policies = policies;
        this.contacts = contacts;
        this.abandonment = abandonment;
    }

    @Override
    public void callEnded(VoiceSession session, String outcome, Instant at) {
        session.contactId().ifPresent(contactId -> callEnded(contactId, outcome, at));
        if (AbandonmentGuard.answeredByPerson(session.answeredBy().orElse(null)) && AttemptOutcome.COMPLETED.code().equals(outcome) && AbandonmentGuard.abandoned(outcome,
                session.conversationId().orElse(null), session.dialCallStatus().orElse(null), session.agentCallSid().orElse(null))) {
            // Answered, and nothing says it ever reached the agent (the answer TwiML was never served, say).
            session.campaignId().ifPresent(abandonment::check);
        }
    }

    /** Applies the outcome of the contact's current attempt; false when the contact was not {@code dialing}. */
    public boolean callEnded(long contactId, String outcome, Instant at) {
        DueContact contact = contacts.find(contactId).orElse(null);
        if (contact == null || !"dialing".equals(contact.status())) {
            return false;
        }
        Campaign campaign = campaigns.findById(contact.campaignId()).orElseThrow(() -> new IllegalStateException(
                "Contact " + contactId + " belongs to campaign " + contact.campaignId() + ", which does not exist."));
        AttemptOutcome ended = AttemptOutcome.of(outcome);
        int attempts = Math.max(1, contact.attemptsMade());
        RetryPolicy policy = policy(campaign, policies.of(campaign.id()));
        int endedThisWay = policy.perOutcome().containsKey(ended)
                ? Math.max(1, contacts.endedWith(contactId, ended.code())) : attempts;
        RetryPolicy.Next next = policy.after(ended, attempts, endedThisWay, at);
        boolean moved = next instanceof RetryPolicy.Retry retry
                ? contacts.retryAt(contactId, retry.at())
                : contacts.finish(contactId, ((RetryPolicy.Final) next).outcome().code());
        if (moved) {
            log.info("Contact {} ({}): {}", contactId, PhoneNumbers.mask(contact.phoneE164()), next.detail());
        }
        if (ended == AttemptOutcome.AGENT_UNAVAILABLE) {
            // A person answered and no agent came: the campaign may have to pause itself before it passes 3 %.
            abandonment.check(campaign.id());
        }
        return moved;
    }

    static RetryPolicy policy(Campaign campaign, sa.navaia.dialer.campaign.CampaignPolicy rules) {
        List<Duration> backoff = campaign.retryBackoff().isEmpty()
                ? List.of(campaign.minGap().isZero() ? Duration.ofHours(1) : campaign.minGap())
                : campaign.retryBackoff();
        return new RetryPolicy(campaign.maxAttempts(), backoff, rules.retries());
    }
}
