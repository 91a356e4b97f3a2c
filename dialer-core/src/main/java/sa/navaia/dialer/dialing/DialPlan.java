package sa.navaia.dialer.dialing;

import sa.navaia.dialer.eligibility.Decision;

/** A due contact and the dial-time decision about it: what the dial job's writer acts on. */
public record DialPlan(DueContact contact, Decision decision) {
}
