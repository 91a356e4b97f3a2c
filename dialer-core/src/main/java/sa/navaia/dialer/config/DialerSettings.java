package sa.navaia.dialer.config;

import java.nio.file.Path;

/** Every setting of the dialer, read and validated once at start-up by {@link SettingsLoader}. */
public record DialerSettings(
        Mode mode,
        TwilioSettings twilio,
        ElevenLabsSettings elevenLabs,
        DatabaseSettings database,
        ReceiverSettings receiver,
        DialingSettings dialing,
        SandboxSettings sandbox,
        Path dataDir,
        ConsoleSettings console,
        MonitoringSettings monitoring,
        RetentionSettings retention) {
}
