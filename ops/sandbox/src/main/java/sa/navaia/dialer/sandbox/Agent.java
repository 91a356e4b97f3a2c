package sa.navaia.dialer.sandbox;

import java.util.Set;

/**
 * One ElevenLabs agent the sandbox plays: its id, the Twilio number imported for it (a {@code <Dial>} to that number
 * reaches it), the dynamic variables it defines (a personalisation answer must give every one of them), and the
 * override fields enabled in its security settings ({@link #OVERRIDABLE}: {@code agent.first_message},
 * {@code agent.language}, {@code agent.prompt.prompt}, {@code tts.voice_id}).
 */
record Agent(String id, String phoneNumber, Set<String> dynamicVariables, Set<String> overrides) {

    /** The override fields ElevenLabs lets an agent's security settings enable. */
    static final Set<String> OVERRIDABLE = Set.of("agent.first_message", "agent.language", "agent.prompt.prompt",
            "tts.voice_id");

    Agent {
        dynamicVariables = Set.copyOf(dynamicVariables);
        overrides = Set.copyOf(overrides);
    }
}
