/**
 * Phone numbers: parsing, classification, time zones, masking.
 *
 * <p>The CSV import calls {@link sa.navaia.dialer.phone.PhoneNumbers#parse} for each row (an
 * {@code Invalid} result rejects the row with its {@code reason().code()} and {@code message()}), then
 * {@link sa.navaia.dialer.phone.PhoneNumbers#zonesFor} with the row's {@code timezone} column
 * ({@code INVALID_TIME_ZONE} rejects the row; {@code UNKNOWN_TIME_ZONE} may keep it, the dial job then
 * skips it), and stores {@code e164}, the zones and {@link sa.navaia.dialer.phone.PhoneNumbers#subdivisionOf}.
 * Logs use {@link sa.navaia.dialer.phone.PhoneNumbers#mask}.
 */
package sa.navaia.dialer.phone;
