package sa.navaia.dialer.registry;

import sa.navaia.dialer.consent.ConsentRepository;
import sa.navaia.dialer.eligibility.RegistryStatus;

/**
 * A US number against its area code's National Do Not Call Registry data, with the consent that may exempt it:
 * express written consent or an established business relationship on record for the number
 * (16 CFR 310.4(b)(1)(iii)(B)).
 */
public final class RegistryCheck {

    private final NationalRegistry registry;
    private final ConsentRepository consents;

    public RegistryCheck(NationalRegistry registry, ConsentRepository consents) {
        this.registry = registry;
        this.consents = consents;
    }

    public RegistryStatus of(String e164) {
        NationalRegistry.Check check = registry.check(e164);
        boolean exempt = consents.active(e164).filter(c -> c.basis().exemptsFromNationalRegistry()).isPresent();
        return RegistryStatus.checked(check.areaCode(), check.snapshotDate(), check.listed(), exempt);
    }
}
