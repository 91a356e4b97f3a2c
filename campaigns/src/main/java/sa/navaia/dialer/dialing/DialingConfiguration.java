package sa.navaia.dialer.dialing;

import io.micrometer.core.instrument.MeterRegistry;
import com.twilio.http.TwilioRestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import sa.navaia.dialer.app.WorkerStartup;
import sa.navaia.dialer.abandonment.AbandonmentGuard;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.registry.NationalRegistry;
import sa.navaia.dialer.registry.RegistryCheck;
import sa.navaia.dialer.state.CallCounts;
import sa.navaia.dialer.campaign.CampaignRepository;
import sa.navaia.dialer.config.DialerSettings;
import sa.navaia.dialer.phone.PhoneNumbers;
import sa.navaia.dialer.ratelimit.CallRateLimiter;
import sa.navaia.dialer.ratelimit.JdbcCallRateLimiter;
import sa.navaia.dialer.ratelimit.RateLimits;
import sa.navaia.dialer.ratelimit.Sleeper;
import sa.navaia.dialer.schedule.Schedules;

/**
 * Wires dialer-core's dialing types for the worker. Tuning that is not an operator setting (it has a
 * safe default and tests shorten it) comes from Spring properties:
 * <ul>
 *   <li>{@code dialer.dial.resolve-grace} (PT60S): an in-flight attempt younger than this is left to the
 *       worker that may still be waiting for Twilio; must exceed the Twilio client's connect + read timeout;</li>
 *   <li>{@code dialer.dial.stale-after} (PT10S, at least three heartbeats of {@link RunHeartbeats#EVERY}):
 *       a dial run whose heartbeat is this old is taken as crashed, recovered and restarted, and its
 *       in-flight attempts are resolved without waiting for the grace;</li>
 *   <li>{@code dialer.dial.horizon} (PT1H): how far ahead a run waits for retries coming due;</li>
 *   <li>{@code dialer.dial.live-call-wait} (PT2M): how long a run waits for a free live-call slot before it stops.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DialingConfiguration {

    /** Connections a worker uses besides its placer threads: the dial step's reads and writes, Quartz, the progress. */
    static final int CONNECTIONS_BESIDES_PLACERS = 8;
    private static final Logger log = LoggerFactory.getLogger(DialingConfiguration.class);

    @Bean
    DialingContactRepository dialingContactRepository(DataSource dataSource, Clock clock) {
        return new DialingContactRepository(dataSource, clock);
    }

    @Bean
    CallAttemptRepository callAttemptRepository(DataSource dataSource, Clock clock) {
        return new CallAttemptRepository(dataSource, clock);
    }

    @Bean
    TwilioRestClient twilioRestClient(DialerSettings settings) {
        return sa.navaia.dialer.twilio.TwilioClients.create(settings.twilio());
    }

    @Bean
    CallPlacer callPlacer(TwilioRestClient client, DialerSettings settings) {
        return new CallPlacer(client, settings.receiver().apiUrl());
    }

    @Bean
    JdbcCallRateLimiter callRateLimiter(DataSource dataSource, DialerSettings settings, Clock clock) {
        return new JdbcCallRateLimiter(dataSource, RateLimits.from(settings.dialing()), clock, Sleeper.SYSTEM);
    }

    @Bean
    DialDecider dialDecider(PhoneNumbers phoneNumbers, DataSource dataSource, DialerSettings settings, Clock clock) {
        Optional<RegistryCheck> registry = settings.dialing().nationalRegistryRequired()
                ? Optional.of(new RegistryCheck(new NationalRegistry(dataSource, clock), new ConsentRepository(dataSource, clock)))
                : Optional.empty();
        return new DialDecider(phoneNumbers, new CallCounts(dataSource), registry, clock);
    }

    @Bean
    DialOptions dialOptions(@Value("${dialer.dial.resolve-grace:PT60S}") Duration resolveGrace,
                            @Value("${dialer.dial.stale-after:PT10S}") Duration staleAfter,
                            @Value("${dialer.dial.horizon:PT1H}") Duration horizon,
                            @Value("${dialer.dial.live-call-wait:PT2M}") Duration liveCallWait) {
        return new DialOptions(resolveGrace, staleAfter, horizon, liveCallWait);
    }

    @Bean
    AttemptResolver attemptResolver(CallAttemptRepository attempts, TwilioRestClient client, Clock clock,
                                    DialOptions options) {
        return new AttemptResolver(attempts, client, clock, options.resolveGrace(), options.staleAfter());
    }

    @Bean
    CampaignStates campaignStates(DataSource dataSource, Clock clock) {
        return new CampaignStates(dataSource, clock);
    }

    @Bean(destroyMethod = "close")
    RunHeartbeats runHeartbeats(DataSource dataSource, Clock clock) {
        return new RunHeartbeats(dataSource, clock);
    }

    @Bean
    ContactOutcomes contactOutcomes(CampaignRepository campaigns, CampaignPolicyRepository policies,
                                    DialingContactRepository contacts, AbandonmentGuard abandonment) {
        return new ContactOutcomes(campaigns, policies, contacts, abandonment);
    }

    @Bean
    AbandonmentGuard abandonmentGuard(DataSource dataSource, Clock clock) {
        return new AbandonmentGuard(dataSource, clock);
    }

    @Bean(destroyMethod = "close")
    Dialer dialer(CallAttemptRepository attempts, DialingContactRepository contacts, CallPlacer placer,
                  CallRateLimiter limiter, CampaignStates states, Clock clock, DialerSettings settings, DialOptions options,
                  MeterRegistry meters) {
        int placers = settings.dialing().placerThreads();
        if (settings.database().poolSize() < placers + CONNECTIONS_BESIDES_PLACERS) {
            log.warn("DIALER_DB_POOL_SIZE={} is below DIALER_PLACER_THREADS ({}) + {}: placer threads will queue for"
                    + " database connections and calls will be placed more slowly.", settings.database().poolSize(),
                    placers, CONNECTIONS_BESIDES_PLACERS);
        }
        return new Dialer(attempts, contacts, placer, limiter, states, clock, Sleeper.SYSTEM, placers, options.liveCallWait(), meters);
    }

    @Bean
    WorkerStartup scheduleRateLimitCleanup(Schedules schedules) {
        return () -> schedules.scheduleEvery(RateLimitCleanupJob.KEY, RateLimitCleanupJob.class,
                RateLimitCleanupJob.EVERY_SECONDS, Map.of());
    }

    /** Before the scheduler fires anything, attempts a crash left in flight are resolved with Twilio. */
    @Bean
    WorkerStartup resolveInFlightAttemptsOnStart(AttemptResolver resolver, RunHeartbeats heartbeats) {
        return () -> {
            resolver.resolveInFlight();
            heartbeats.forgetOld();
        };
    }
}
