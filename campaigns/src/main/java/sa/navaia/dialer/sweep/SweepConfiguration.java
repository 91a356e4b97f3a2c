package sa.navaia.dialer.sweep;

import io.micrometer.core.instrument.binder.MeterBinder;
import com.twilio.http.TwilioRestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import sa.navaia.dialer.app.WorkerStartup;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.dialing.ContactOutcomes;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.dnc.DoNotCallRepository;
import sa.navaia.dialer.dnc.OptOuts;
import sa.navaia.dialer.inbox.WebhookInboxRepository;
import sa.navaia.dialer.postcall.PostCallReconciler;
import sa.navaia.dialer.postcall.PostCallRepository;
import sa.navaia.dialer.ratelimit.Sleeper;
import sa.navaia.dialer.schedule.Schedules;
import sa.navaia.dialer.session.CallStatusUpdates;
import sa.navaia.dialer.session.VoiceSessionRepository;

/**
 * The sweeper of calls nobody reported on. Tuning (Spring properties; tests shorten them):
 * <ul>
 *   <li>{@code dialer.sweep.every} (60 s): how often it runs, once across the cluster;</li>
 *   <li>{@code dialer.sweep.call-quiet-for} (PT3M): a call with no final status this long after its last event is
 *       looked up at Twilio;</li>
 *   <li>{@code dialer.sweep.transcript-quiet-for} (PT5M): a conversation with no transcript this long after the call
 *       ended is looked up at ElevenLabs;</li>
 *   <li>{@code dialer.sweep.batch} (300) sessions of each kind a pass, {@code dialer.sweep.pace} (PT0.1S) between
 *       two requests to one API; each kind's pass stops starting look-ups after 30 s. A receiver down for a minute at
 *       50 calls/s leaves a few hundred calls to look up; a pass takes them all in, so a stuck call holds its live-call
 *       slot no longer than the quiet time and one interval.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SweepConfiguration {

    @Bean
    CallSweeper callSweeper(DataSource dataSource, Clock clock, TwilioRestClient twilio, ContactOutcomes outcomes,
                            @Value("${dialer.sweep.call-quiet-for:PT3M}") Duration quietFor,
                            @Value("${dialer.sweep.pace:PT0.1S}") Duration pace,
                            @Value("${dialer.sweep.batch:300}") int batch) {
        VoiceSessionRepository sessions = new VoiceSessionRepository(dataSource, clock);
        return new CallSweeper(dataSource, sessions, new CallStatusUpdates(sessions, outcomes, clock),
                new WebhookInboxRepository(dataSource, clock), transactions(dataSource), twilio, clock, Sleeper.SYSTEM,
                quietFor, pace, batch);
    }

    @Bean
    TranscriptSweeper transcriptSweeper(DataSource dataSource, Clock clock, DialerSettings settings, ContactOutcomes outcomes,
                                        @Value("${dialer.sweep.transcript-quiet-for:PT5M}") Duration quietFor,
                                        @Value("${dialer.sweep.pace:PT0.1S}") Duration pace,
                                        @Value("${dialer.sweep.batch:300}") int batch) {
        VoiceSessionRepository sessions = new VoiceSessionRepository(dataSource, clock);
        PostCallReconciler reconciler = new PostCallReconciler(sessions, new PostCallRepository(dataSource, clock),
                new OptOuts(new DoNotCallRepository(dataSource, clock), new CampaignPolicyRepository(dataSource, clock)),
                outcomes, clock);
        return new TranscriptSweeper(dataSource, settings.elevenLabs().agents(),
                new ElevenLabsConversations(settings.elevenLabs().apiUrl(), settings.elevenLabs().apiKey()), reconciler,
                new WebhookInboxRepository(dataSource, clock), transactions(dataSource), clock, Sleeper.SYSTEM, quietFor,
                pace, batch);
    }

    /** The sweeper's counters from the start (0 until a pass repairs something), not only after its first pass. */
    @Bean
    MeterBinder sweeperMeters() {
        return registry -> SweepJob.KINDS.forEach(kind -> {
            registry.counter(SweepJob.REPAIRS, "kind", kind);
            registry.counter(SweepJob.FAILURES, "kind", kind);
        });
    }

    @Bean
    WorkerStartup scheduleSweep(Schedules schedules, @Value("${dialer.sweep.every:60}") int everySeconds) {
        return () -> schedules.scheduleEvery(SweepJob.KEY, SweepJob.class, everySeconds, Map.of());
    }

    private static TransactionTemplate transactions(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }
}
