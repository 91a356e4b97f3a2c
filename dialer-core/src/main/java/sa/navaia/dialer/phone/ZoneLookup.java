package sa.navaia.dialer.phone;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** The recipient's time zones, or why they are not known ({@link Reason#INVALID_TIME_ZONE}, {@link Reason#UNKNOWN_TIME_ZONE}). */
public sealed interface ZoneLookup {

    record Found(List<ZoneId> zones) implements ZoneLookup {
        public Found {
            zones = List.copyOf(zones);
            if (zones.isEmpty()) {
                throw new IllegalArgumentException("Found needs at least one zone");
            }
        }
    }

    record NotFound(Reason reason, String message) implements ZoneLookup {
        public NotFound {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
