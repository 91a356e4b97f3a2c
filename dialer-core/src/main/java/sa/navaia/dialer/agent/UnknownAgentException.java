package sa.navaia.dialer.agent;

/** A campaign or a request named an agent nobody configured. */
public final class UnknownAgentException extends IllegalArgumentException {

    public UnknownAgentException(String name, String knownNames) {
        super("There is no agent named \"" + name + "\"; the configured agents are " + knownNames
                + " (DIALER_AGENTS, or ELEVENLABS_PHONE_NUMBER as the one agent \"support\").");
    }
}
