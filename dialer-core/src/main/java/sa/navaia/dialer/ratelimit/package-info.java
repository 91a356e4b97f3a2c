/**
 * Call pacing: per caller-ID number, per campaign and per account. The dial job calls
 * {@link sa.navaia.dialer.ratelimit.CallRateLimiter#acquire} right before it places each call (after the
 * attempt is recorded), with the {@code From} number, the campaign id and the campaign's calls per
 * second. {@link sa.navaia.dialer.ratelimit.JdbcCallRateLimiter} shares the buckets through the database
 * and is the one to use in production; {@link sa.navaia.dialer.ratelimit.LocalCallRateLimiter} is for a
 * lone process without a shared database.
 */
package sa.navaia.dialer.ratelimit;
