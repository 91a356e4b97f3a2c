package sa.navaia.dialer.webhook.twilio;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.webhook.inbox.Outages;

/**
 * The campaigns' identification messages, kept in memory so that a person whom no agent reached hears their
 * campaign's message even while the database is away. Loaded every {@code dialer.identification.refresh} (60 s), the
 * {@value #MAX_CAMPAIGNS} most recently set, and for a campaign not loaded yet on its first connect ({@link #warm});
 * a campaign without a message is remembered as such. A refresh that meets an outage keeps what it had.
 */
@Singleton
final class IdentificationMessages {

    static final int MAX_CAMPAIGNS = 10_000;
    private static final String NONE = "";
    private static final Logger log = LoggerFactory.getLogger(IdentificationMessages.class);

    private final CampaignPolicyRepository policies;
    private volatile Map<Long, String> messages = new ConcurrentHashMap<>();

    IdentificationMessages(CampaignPolicyRepository policies) {
        this.policies = policies;
    }

    @Scheduled(fixedDelay = "${dialer.identification.refresh:60s}", initialDelay = "${dialer.identification.refresh-delay:1s}")
    void refresh() {
        try {
            messages = new ConcurrentHashMap<>(policies.identificationMessages(MAX_CAMPAIGNS));
        } catch (RuntimeException e) {
            if (!Outages.isOutage(e)) {
                throw e;
            }
            log.debug("Identification messages not refreshed, the database is away: {}", Outages.unwrap(e).getMessage());
        }
    }

    /** Loads the campaign's message unless it is known already; the database must be there. */
    void warm(long campaignId) {
        Map<Long, String> known = messages;
        if (!known.containsKey(campaignId) && known.size() < MAX_CAMPAIGNS) {
            remember(campaignId, policies.of(campaignId).identificationMessage());
        }
    }

    void remember(long campaignId, Optional<String> message) {
        Map<Long, String> known = messages;
        if (known.containsKey(campaignId) || known.size() < MAX_CAMPAIGNS) {
            known.put(campaignId, message.orElse(NONE));
        }
    }

    /** The message kept for the campaign; empty when it has none or is not known here. */
    Optional<String> of(long campaignId) {
        return Optional.ofNullable(messages.get(campaignId)).filter(message -> !message.isEmpty());
    }
}
