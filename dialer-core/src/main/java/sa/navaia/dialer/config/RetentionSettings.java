package sa.navaia.dialer.config;

import sa.navaia.dialer.retention.Retention;

/** How long each kind of personal data is kept, and when the daily purge runs (a Quartz cron in UTC). */
public record RetentionSettings(Retention retention, String purgeCron) {
}
