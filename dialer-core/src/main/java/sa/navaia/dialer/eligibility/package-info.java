/**
 * The dial-time decision and the retry rule, as pure functions.
 *
 * <p>The dial job builds a {@link sa.navaia.dialer.eligibility.DialCandidate} from fresh rows, calls
 * {@link sa.navaia.dialer.eligibility.EligibilityRules#decide} with the campaign's
 * {@link sa.navaia.dialer.eligibility.CampaignRules} and {@code clock.instant()}, and records every
 * decision (dial or skip) in {@code call_attempts} with {@code code()}, {@code detail()},
 * the zone and the recipient's local time. A skip with {@code notBefore()} is rescheduled then; a skip
 * whose reason {@code isPermanent()} is not. When a call ends, {@link sa.navaia.dialer.eligibility.RetryPolicy#after}
 * says whether and when to try again.
 */
package sa.navaia.dialer.eligibility;
