package sa.navaia.dialer.agent;

/** How an answered call reaches an ElevenLabs agent. */
public enum AgentConnection {
    /** {@code <Dial>} to the agent's Twilio number imported into ElevenLabs; ElevenLabs asks the personalisation webhook. */
    DIAL,
    /** ElevenLabs' {@code register-call} API answers the TwiML that streams the call to the agent. */
    REGISTER_CALL
}
