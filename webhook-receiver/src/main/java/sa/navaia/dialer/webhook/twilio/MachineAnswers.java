package sa.navaia.dialer.webhook.twilio;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sa.navaia.dialer.agent.AgentContext;
import sa.navaia.dialer.agent.AgentContextRepository;
import sa.navaia.dialer.campaign.CampaignPolicy;
import sa.navaia.dialer.campaign.CampaignPolicyRepository;
import sa.navaia.dialer.dialing.CallAttemptRepository;
import sa.navaia.dialer.session.VoiceSession;

/**
 * A call answered by a machine, under its campaign's voicemail policy: hang up; leave the campaign's message (with
 * the contact's variables filled in) once Twilio's {@code DetectMessageEnd} says the greeting is over
 * ({@code AnsweredBy=machine_end_beep|machine_end_silence|machine_end_other}); or hand the call to the agent. What was
 * done is recorded on the attempt ({@code call_attempts.voicemail_action}). A fax is always hung up on.
 */
@Singleton
final class MachineAnswers {

    private static final Logger log = LoggerFactory.getLogger(MachineAnswers.class);

    private final CampaignPolicyRepository policies;
    private final AgentContextRepository contexts;
    private final CallAttemptRepository attempts;

    MachineAnswers(CampaignPolicyRepository policies, AgentContextRepository contexts, CallAttemptRepository attempts) {
        this.policies = policies;
        this.contexts = contexts;
        this.attempts = attempts;
    }

    static boolean isMachine(String answeredBy) {
        return answeredBy.startsWith("machine") || answeredBy.equals("fax");
    }

    /** The TwiML for a machine; empty when the policy hands the call to the agent. */
    Optional<String> answer(VoiceSession session, String answeredBy) {
        CampaignPolicy policy = session.campaignId().map(policies::of).orElse(CampaignPolicy.defaults(0));
        if (answeredBy.equals("fax")) {
            return Optional.of(TwiML.HANG_UP);
        }
        switch (policy.voicemail()) {
            case AGENT -> {
                record(session, CampaignPolicy.VoicemailPolicy.AGENT);
                log.info("Answering machine for session {} (AnsweredBy={}); handed to the agent as the campaign says",
                        session.id(), answeredBy);
                return Optional.empty();
            }
            case MESSAGE -> {
                if (answeredBy.startsWith("machine_end")) {
                    String message = policy.voicemailMessageFor(variables(session)).orElseThrow();
                    record(session, CampaignPolicy.VoicemailPolicy.MESSAGE);
                    log.info("Answering machine for session {} (AnsweredBy={}); leaving the campaign's message", session.id(), answeredBy);
                    return Optional.of(TwiML.sayThenHangUp(message));
                }
                log.warn("Answering machine for session {} (AnsweredBy={}): the greeting's end is unknown (machine detection"
                        + " is not DetectMessageEnd), so no message is left; hanging up", session.id(), answeredBy);
            }
            case HANGUP -> log.info("Answering machine for session {} (AnsweredBy={}); hanging up without the agent",
                    session.id(), answeredBy);
        }
        record(session, CampaignPolicy.VoicemailPolicy.HANGUP);
        return Optional.of(TwiML.HANG_UP);
    }

    /** The contact's variables by the names the agent knows them, plus {@code name}. */
    private Map<String, String> variables(VoiceSession session) {
        Map<String, String> variables = new HashMap<>();
        contexts.recipient(session.id()).map(AgentContext::of).ifPresent(context -> {
            variables.putAll(context.dynamicVariables());
            variables.put("name", context.dynamicVariables().getOrDefault(AgentContext.CUSTOMER_NAME, ""));
        });
        return variables;
    }

    private void record(VoiceSession session, CampaignPolicy.VoicemailPolicy action) {
        attempts.recordVoicemailAction(session.id(), action.code());
    }
}
