package sa.navaia.dialer.schedule;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;
import sa.navaia.dialer.campaign.Campaign;
import sa.navaia.dialer.window.WindowPreview;

/**
 * Flags a campaign's cron schedule that starts its runs when its contacts are outside their calling windows (a 03:00
 * UTC run for a US list): such a run calls nobody and records a skip for every one of them, every night. Checked over
 * the next {@value #DAYS} days of fire times (at most {@value #MAX_FIRES}), each run reaching contacts whose window is
 * open at its start or opens within the run's horizon.
 */
public final class ScheduleReachCheck {

    static final int DAYS = 14;
    static final int MAX_FIRES = 1_000;

    private ScheduleReachCheck() {
    }

    /** A sentence for the person who set the schedule when some contacts are outside every run, else empty. */
    public static Optional<String> warning(WindowPreview preview, Campaign campaign, String cron, Duration horizon, Instant now) {
        List<Instant> fires = fireTimes(campaign, cron, now);
        if (fires.isEmpty()) {
            return Optional.empty();
        }
        WindowPreview.ScheduleReach reach = preview.reach(campaign, fires, horizon);
        if (reach.outsideEveryRun() == 0) {
            return Optional.empty();
        }
        String window = campaign.windowStart() + "-" + campaign.windowEnd();
        if (reach.reachesNobody()) {
            return Optional.of("Warning: the schedule \"" + cron + "\" (" + campaign.timeZone() + ") starts every run of the next "
                    + DAYS + " days while all " + reach.due() + " contacts still to call are outside their calling window ("
                    + window + " in each recipient's zone): each run would call nobody and record " + reach.due()
                    + " skips. Choose a time inside their window, e.g. with 'ops/dialer schedule --campaign "
                    + campaign.name() + " --cron ...'.");
        }
        return Optional.of("Warning: " + reach.outsideEveryRun() + " of the " + reach.due() + " contacts still to call are"
                + " outside their calling window (" + window + " in each recipient's zone) at every run of the schedule \""
                + cron + "\" (" + campaign.timeZone() + ") in the next " + DAYS + " days: no run would call them, and each"
                + " would record their skips.");
    }

    private static List<Instant> fireTimes(Campaign campaign, String cron, Instant now) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            return List.of();
        }
        expression.setTimeZone(TimeZone.getTimeZone(campaign.timeZone()));
        Instant end = now.plus(Duration.ofDays(DAYS));
        List<Instant> fires = new ArrayList<>();
        Date next = expression.getNextValidTimeAfter(Date.from(now));
        while (next != null && next.toInstant().isBefore(end) && fires.size() < MAX_FIRES) {
            fires.add(next.toInstant());
            next = expression.getNextValidTimeAfter(next);
        }
        return fires;
    }
}
