/**
 * Calling windows in the recipient's local time: {@link sa.navaia.dialer.window.CallingWindow} (default
 * 08:00-21:00 every day), stricter {@link sa.navaia.dialer.window.RegionWindows} per country or US state,
 * and {@link sa.navaia.dialer.window.CallingHours}, which checks an instant against every zone of a
 * number and finds the next opening for rescheduling.
 */
package sa.navaia.dialer.window;
