package sa.navaia.dialer.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import sa.navaia.dialer.db.SqlTime;

/** Campaigns in the {@code campaigns} table. */
public final class CampaignRepository {

    private static final String INSERT = """
            INSERT INTO campaigns (name, status, agent_name, caller_id, default_region, allowed_countries, time_zone,
                                   window_start, window_end, allowed_days, region_windows, requires_consent,
                                   max_attempts, retry_backoff_minutes, min_gap_minutes, machine_detection,
                                   calls_per_second, max_live_calls, cron, inbox_dir, created_at, updated_at)
            VALUES (:name, :status, :agentName, :callerId, :defaultRegion, :allowedCountries, :timeZone,
                    :windowStart, :windowEnd, :allowedDays, :regionWindows, :requiresConsent,
                    :maxAttempts, :retryBackoff, :minGap, :machineDetection,
                    :callsPerSecond, :maxLiveCalls, :cron, :inboxDir, :now, :now)""";
    /**
     * A campaign's settings; never its status, which only {@link #changeStatus} moves (a save that began before a pause
     * or a cancel must not undo it), and never a campaign that has ended.
     */
    private static final String UPDATE = """
            UPDATE campaigns
               SET name = :name, agent_name = :agentName, caller_id = :callerId, default_region = :defaultRegion,
                   allowed_countries = :allowedCountries, time_zone = :timeZone, window_start = :windowStart,
                   window_end = :windowEnd, allowed_days = :allowedDays, region_windows = :regionWindows,
                   requires_consent = :requiresConsent, max_attempts = :maxAttempts,
                   retry_backoff_minutes = :retryBackoff, min_gap_minutes = :minGap,
                   machine_detection = :machineDetection, calls_per_second = :callsPerSecond,
                   max_live_calls = :maxLiveCalls, cron = :cron, inbox_dir = :inboxDir, updated_at = :now
             WHERE id = :id AND status NOT IN (:ended)""";
    private static final String SELECT = "SELECT * FROM campaigns";
    private static final String UPDATE_STATUS = """
            UPDATE campaigns SET status = :status, updated_at = :now WHERE id = :id AND status = :expected""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public CampaignRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /** Stores a new campaign and returns it with its id; a taken name is refused with a sentence. */
    public Campaign create(Campaign campaign) {
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            bind(jdbc.sql(INSERT), campaign).param("now", SqlTime.utc(clock.instant())).update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("A campaign named \"" + campaign.name() + "\" exists already; choose another name.", e);
        }
        return findById(keys.getKey().longValue()).orElseThrow();
    }

    /** Stores a campaign's settings (not its status); refused with a sentence when the campaign has ended or the name is taken. */
    public Campaign update(Campaign campaign) {
        int updated;
        try {
            updated = bind(jdbc.sql(UPDATE), campaign).param("id", campaign.id())
                    .param("ended", java.util.Arrays.stream(CampaignStatus.values()).filter(CampaignStatus::isFinal)
                            .map(CampaignStatus::code).toList())
                    .param("now", SqlTime.utc(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("A campaign named \"" + campaign.name() + "\" exists already; choose another name.", e);
        }
        Campaign stored = findById(campaign.id()).orElseThrow();
        if (updated == 0) {
            throw new IllegalStateException("Campaign \"" + stored.name() + "\" is " + stored.status().code()
                    + "; its settings can no longer change.");
        }
        return stored;
    }

    /** Moves a campaign from {@code expected} to {@code next}; false when it was not in {@code expected}. */
    public boolean changeStatus(long id, CampaignStatus expected, CampaignStatus next) {
        return jdbc.sql(UPDATE_STATUS).param("status", next.code()).param("expected", expected.code())
                .param("id", id).param("now", SqlTime.utc(clock.instant())).update() == 1;
    }

    public Optional<Campaign> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(CampaignRepository::map).optional();
    }

    public Optional<Campaign> findByName(String name) {
        return jdbc.sql(SELECT + " WHERE name = :name").param("name", name).query(CampaignRepository::map).optional();
    }

    /** By name, or by numeric id when {@code nameOrId} is a number. */
    public Optional<Campaign> find(String nameOrId) {
        Optional<Campaign> byName = findByName(nameOrId);
        if (byName.isPresent() || !nameOrId.chars().allMatch(Character::isDigit) || nameOrId.isEmpty()) {
            return byName;
        }
        return findById(Long.parseLong(nameOrId));
    }

    public List<Campaign> findAll() {
        return jdbc.sql(SELECT + " ORDER BY id").query(CampaignRepository::map).list();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Campaign c) {
        return spec.param("name", c.name())
                .param("status", c.status().code())
                .param("agentName", c.agentName())
                .param("callerId", c.callerId())
                .param("defaultRegion", c.defaultRegion())
                .param("allowedCountries", String.join(",", new TreeSet<>(c.allowedCountries())))
                .param("timeZone", c.timeZone().getId())
                .param("windowStart", c.windowStart())
                .param("windowEnd", c.windowEnd())
                .param("allowedDays", c.allowedDays().stream().sorted().map(DayOfWeek::name)
                        .map(day -> day.substring(0, 3)).collect(Collectors.joining(",")))
                .param("regionWindows", c.regionWindows().orElse(null))
                .param("requiresConsent", c.requiresConsent())
                .param("maxAttempts", c.maxAttempts())
                .param("retryBackoff", c.retryBackoff().stream().map(d -> Long.toString(d.toMinutes()))
                        .collect(Collectors.joining(",")))
                .param("minGap", (int) c.minGap().toMinutes())
                .param("machineDetection", c.machineDetection())
                .param("callsPerSecond", c.callsPerSecond())
                .param("maxLiveCalls", c.maxLiveCalls())
                .param("cron", c.cron().orElse(null))
                .param("inboxDir", c.inboxDir().orElse(null));
    }

    static Campaign map(ResultSet rs, int row) throws SQLException {
        return new Campaign(
                rs.getLong("id"),
                rs.getString("name"),
                CampaignStatus.fromCode(rs.getString("status")),
                rs.getString("agent_name"),
                rs.getString("caller_id"),
                rs.getString("default_region").strip(),
                Set.of(rs.getString("allowed_countries").split(",")),
                ZoneId.of(rs.getString("time_zone")),
                rs.getObject("window_start", LocalTime.class),
                rs.getObject("window_end", LocalTime.class),
                parseDays(rs.getString("allowed_days")),
                Optional.ofNullable(rs.getString("region_windows")),
                rs.getBoolean("requires_consent"),
                rs.getInt("max_attempts"),
                Arrays.stream(rs.getString("retry_backoff_minutes").split(",")).filter(s -> !s.isBlank())
                        .map(s -> Duration.ofMinutes(Long.parseLong(s.strip()))).toList(),
                Duration.ofMinutes(rs.getInt("min_gap_minutes")),
                rs.getString("machine_detection"),
                rs.getDouble("calls_per_second"),
                rs.getInt("max_live_calls"),
                Optional.ofNullable(rs.getString("cron")),
                Optional.ofNullable(rs.getString("inbox_dir")),
                SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "updated_at"));
    }

    /** Parses "MON,TUE" or "MON-FRI" style day lists as campaign managers type them. */
    public static Set<DayOfWeek> parseDays(String text) {
        String upper = text.strip().toUpperCase();
        if (upper.contains("-")) {
            String[] range = upper.split("-");
            DayOfWeek from = day(range[0]);
            DayOfWeek to = day(range[1]);
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
            return days;
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : upper.split(",")) {
            days.add(day(part));
        }
        return days;
    }

    private static DayOfWeek day(String code) {
        String c = code.strip();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (c.length() >= 3 && day.name().startsWith(c)) {
                return day;
            }
        }
        throw new IllegalArgumentException("\"" + code + "\" is not a day of the week; use MON, TUE, WED, THU, FRI, SAT or SUN.");
    }

}
