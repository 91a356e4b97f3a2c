package sa.navaia.dialer.schedule;

import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;

/**
 * The dialer's Quartz schedules. A cron schedule runs in a given time zone and, when fire times were
 * missed (no worker was running, or none had a free Quartz thread, for longer than the misfire
 * threshold), fires once as soon as a worker can, then keeps its schedule: one catch-up run however many
 * fire times were missed. The dial job only ever dials inside each recipient's calling window, so a
 * late run never dials outside it; it waits for the window or leaves the contact for the next run. A cron
 * job that was running in a worker that died is fired again by the cluster (Quartz's job recovery), so
 * that a crashed run is taken over without waiting for the next fire time.
 */
@Component
public class Schedules {

    private final Scheduler scheduler;

    public Schedules(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** A cron schedule: the cron text is checked first, with a sentence when it is wrong. */
    public Date scheduleCron(JobKey key, Class<? extends Job> jobClass, String cron, ZoneId zone, Map<String, Object> data) {
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("\"" + cron + "\" is not a Quartz cron expression; for every day at 09:00 write \"0 0 9 * * ?\" (seconds minutes hours day-of-month month day-of-week).");
        }
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(key.getName(), key.getGroup()))
                .forJob(key)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        return replace(key, jobClass, data, trigger, true);
    }

    /** A schedule that repeats every {@code seconds}, for housekeeping such as scanning inbox folders. */
    public Date scheduleEvery(JobKey key, Class<? extends Job> jobClass, int seconds, Map<String, Object> data) {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(key.getName(), key.getGroup()))
                .forJob(key)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(seconds).withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        return replace(key, jobClass, data, trigger, false);
    }

    /** Fires {@code jobClass} once, now, on whichever worker of the cluster takes it first. */
    public void runOnce(JobKey key, Class<? extends Job> jobClass, Map<String, Object> data) {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(key.getName() + "-" + java.util.UUID.randomUUID(), key.getGroup()))
                .forJob(key)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        JobDetail job = JobBuilder.newJob(jobClass).withIdentity(key).usingJobData(new JobDataMap(data))
                .storeDurably().requestRecovery(true).build();
        try {
            scheduler.addJob(job, true);
            scheduler.scheduleJob(trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not start " + key + " now: " + e.getMessage(), e);
        }
    }

    public boolean unschedule(JobKey key) {
        try {
            return scheduler.deleteJob(key);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not remove the schedule " + key + ": " + e.getMessage(), e);
        }
    }

    public Optional<Date> nextFireTime(JobKey key) {
        try {
            List<? extends Trigger> triggers = scheduler.getTriggersOfJob(key);
            return triggers.stream().map(Trigger::getNextFireTime).filter(java.util.Objects::nonNull).min(Date::compareTo);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not read the schedule " + key + ": " + e.getMessage(), e);
        }
    }

    private Date replace(JobKey key, Class<? extends Job> jobClass, Map<String, Object> data, Trigger trigger,
                         boolean requestsRecovery) {
        JobDetail job = JobBuilder.newJob(jobClass).withIdentity(key).usingJobData(new JobDataMap(data))
                .storeDurably().requestRecovery(requestsRecovery).build();
        try {
            scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
            return trigger.getNextFireTime() != null ? trigger.getNextFireTime()
                    : scheduler.getTrigger(trigger.getKey()).getNextFireTime();
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not store the schedule " + key + ": " + e.getMessage(), e);
        }
    }
}
