package sa.navaia.dialer.webhook;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.agent.AgentContextRepository;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.dialing.ContactOutcomes;
import sa.navaia.dialer.dialing.DialingContactRepository;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.dnc.OptOuts;
import sa.navaia.dialer.registry.NationalRegistry;
import sa.navaia.dialer.state.CallCounts;
import sa.navaia.dialer.inbox.WebhookInboxRepository;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.postcall.PostCallReconciler;
import sa.navaia.dialer.postcall.PostCallRepository;
import sa.navaia.dialer.ratelimit.CallRateLimiter;
import sa.navaia.dialer.ratelimit.JdbcCallRateLimiter;
import sa.navaia.dialer.ratelimit.RateLimits;
import sa.navaia.dialer.ratelimit.Sleeper;
import sa.navaia.dialer.session.CallOutcomeListener;
import sa.navaia.dialer.webhook.inbox.WebhookMetrics;
import sa.navaia.dialer.session.VoiceSessionRepository;
import sa.navaia.dialer.webhook.ReceiverApplication.ReceiverDatabase;

/** Wires dialer-core's plain-Java repositories and rules into the receiver. */
@Factory
class ReceiverFactory {

    @Singleton
    VoiceSessionRepository voiceSessions(ReceiverDatabase db, Clock clock) {
        return new VoiceSessionRepository(db.dataSource(), clock);
    }

    @Singleton
    WebhookInboxRepository webhookInbox(ReceiverDatabase db, Clock clock) {
        return new WebhookInboxRepository(db.dataSource(), clock);
    }

    @Singleton
    DoNotCallRepository doNotCall(ReceiverDatabase db, Clock clock) {
        return new DoNotCallRepository(db.dataSource(), clock);
    }

    @Singleton
    PostCallRepository postCallRecords(ReceiverDatabase db, Clock clock) {
        return new PostCallRepository(db.dataSource(), clock);
    }

    /** One transaction per inbox payload: its effects and its processed mark commit together. */
    @Singleton
    TransactionTemplate transactions(ReceiverDatabase db) {
        return new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    }

    @Singleton
    CallAttemptRepository callAttempts(ReceiverDatabase db, Clock clock) {
        return new CallAttemptRepository(db.dataSource(), clock);
    }

    /** The rate-limit buckets the workers use, in the shared database. */
    @Singleton
    CallRateLimiter callRateLimiter(ReceiverDatabase db, DialerSettings settings, Clock clock) {
        return new JdbcCallRateLimiter(db.dataSource(), RateLimits.from(settings.dialing()), clock, Sleeper.SYSTEM);
    }

    @Singleton
    AgentContextRepository agentContexts(ReceiverDatabase db) {
        return new AgentContextRepository(db.dataSource());
    }

    @Singleton
    PhoneNumbers phoneNumbers() {
        return new PhoneNumbers();
    }

    /** The same retry scheduling as the dialer's: the campaign's backoff while attempts remain. */
    @Singleton
    CallOutcomeListener callOutcomes(ReceiverDatabase db, Clock clock, WebhookMetrics metrics) {
        CallOutcomeListener contacts = new ContactOutcomes(new CampaignRepository(db.dataSource(), clock),
                campaignPolicies(db, clock), new DialingContactRepository(db.dataSource(), clock),
                new AbandonmentGuard(db.dataSource(), clock));
        return (session, outcome, at) -> {
            contacts.callEnded(session, outcome, at);
            metrics.callEnded(outcome);
        };
    }

    @Singleton
    OptOuts optOuts(DoNotCallRepository doNotCall, CampaignPolicyRepository policies) {
        return new OptOuts(doNotCall, policies);
    }

    @Singleton
    PostCallReconciler postCallReconciler(VoiceSessionRepository sessions, PostCallRepository records, OptOuts optOuts,
                                          CallOutcomeListener outcomes, Clock clock) {
        return new PostCallReconciler(sessions, records, optOuts, outcomes, clock);
    }

    @Singleton
    ConsentRepository consents(ReceiverDatabase db, Clock clock) {
        return new ConsentRepository(db.dataSource(), clock);
    }

    @Singleton
    NationalRegistry nationalRegistry(ReceiverDatabase db, Clock clock) {
        return new NationalRegistry(db.dataSource(), clock);
    }

    @Singleton
    CallCounts callCounts(ReceiverDatabase db) {
        return new CallCounts(db.dataSource());
    }

    @Singleton
    CampaignPolicyRepository campaignPolicies(ReceiverDatabase db, Clock clock) {
        return new CampaignPolicyRepository(db.dataSource(), clock);
    }
}
