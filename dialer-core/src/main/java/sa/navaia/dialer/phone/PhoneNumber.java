package sa.navaia.dialer.phone;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A number that may be dialed: its E.164 form, its region (ISO 3166-1 alpha-2, e.g. {@code US}), its
 * line type and the time zones libphonenumber maps it to (empty when the mapper does not know them).
 */
public record PhoneNumber(String e164, String regionCode, LineType type, List<ZoneId> timeZones) {

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        Objects.requireNonNull(regionCode, "regionCode");
        Objects.requireNonNull(type, "type");
        timeZones = List.copyOf(timeZones);
    }

    /** The number masked for logs, e.g. {@code +1938***2295}. */
    public String masked() {
        return PhoneNumbers.mask(e164);
    }

    @Override
    public String toString() {
        return "PhoneNumber[" + masked() + ", " + regionCode + ", " + type + ", " + timeZones + "]";
    }
}
