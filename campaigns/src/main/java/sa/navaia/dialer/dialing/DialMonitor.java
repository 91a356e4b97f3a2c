package sa.navaia.dialer.dialing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The counters of the latest dial run of each campaign in this process, for progress lines. */
@Component
public class DialMonitor {

    private final Map<Long, DialStats> latest = new ConcurrentHashMap<>();

    void started(long campaignId, DialStats stats) {
        latest.put(campaignId, stats);
    }

    public Optional<DialStats> latest(long campaignId) {
        return Optional.ofNullable(latest.get(campaignId));
    }
}
