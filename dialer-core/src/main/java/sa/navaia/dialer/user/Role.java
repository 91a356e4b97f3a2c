package sa.navaia.dialer.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a console or API user may do. A campaign manager runs campaigns; compliance reads everything,
 * exports reports and the audit log and manages do-not-call entries, but never starts calls; an admin
 * does all of that and manages users.
 */
public enum Role {
    ADMIN,
    CAMPAIGN_MANAGER,
    COMPLIANCE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code code} (admin, campaign_manager or compliance), or a sentence listing them. */
    public static Role fromCode(String code) {
        String wanted = code == null ? "" : code.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The role must be one of " + codes() + "; got \"" + code + "\"."));
    }

    public static String codes() {
        return Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", "));
    }
}
