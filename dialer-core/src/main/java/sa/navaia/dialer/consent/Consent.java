package sa.navaia.dialer.consent;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A number's consent with its provenance: the basis a call relies on, where and when it was given, the text (or its
 * version) the person agreed to, and how it was captured; and, once revoked, when and how.
 */
public record Consent(long id, String phoneE164, Optional<String> customerId, Basis basis, String source,
                      Instant capturedAt, String textVersion, String captureMethod, String recordedBy, Instant recordedAt,
                      Optional<Instant> revokedAt, Optional<String> revocationSource) {

    /**
     * The bases a call can rely on. Express written consent (47 CFR 64.1200(f)(9)) is what an artificial-voice
     * telemarketing call needs (FCC 24-17) and what exempts a number on the National Do Not Call Registry
     * (16 CFR 310.4(b)(1)(iii)(B)(1)); an established business relationship also exempts it from the registry
     * (16 CFR 310.4(b)(1)(iii)(B)(2)); plain express consent covers informational calls only.
     */
    public enum Basis {
        EXPRESS_WRITTEN, EXPRESS, EBR;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean exemptsFromNationalRegistry() {
            return this != EXPRESS;
        }

        public static Basis of(String text) {
            String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
            if (wanted.equals("ESTABLISHED_BUSINESS_RELATIONSHIP")) {
                return EBR;
            }
            for (Basis basis : values()) {
                if (basis.name().equals(wanted)) {
                    return basis;
                }
            }
            throw new IllegalArgumentException("The consent basis must be express_written, express or ebr (established"
                    + " business relationship); got \"" + text + "\".");
        }
    }

    public Consent {
        Objects.requireNonNull(phoneE164, "phoneE164");
        Objects.requireNonNull(basis, "basis");
    }

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
