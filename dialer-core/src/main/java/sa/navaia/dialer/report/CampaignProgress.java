package sa.navaia.dialer.report;

import java.util.Map;

/**
 * How far a campaign's dialing has come, from the database (so it is the same whichever worker dials):
 * calls placed, dial decisions that were skips by reason, calls live now, and calls placed per second
 * over the last {@link CampaignProgressRepository#RATE_WINDOW}.
 */
public record CampaignProgress(long campaignId, String status, long placed, long skipped, Map<String, Long> skippedByReason,
                               long liveCalls, double callsPerSecond) {

    public CampaignProgress {
        skippedByReason = Map.copyOf(skippedByReason);
    }
}
