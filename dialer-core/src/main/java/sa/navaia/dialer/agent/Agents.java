package sa.navaia.dialer.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ElevenLabs agents campaigns and API calls can name ({@code DIALER_AGENTS}). Names are matched without regard to
 * case; a name nobody configured is refused with a sentence that lists the known ones.
 */
public final class Agents {

    /** The target that marks a register-call agent in {@code DIALER_AGENTS}. */
    public static final String REGISTER_CALL = "register-call";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final Map<String, Agent> byName;
    private final List<Agent> ordered;

    public Agents(List<Agent> agents) {
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("At least one agent is needed.");
        }
        Map<String, Agent> map = new LinkedHashMap<>();
        for (Agent agent : agents) {
            if (map.putIfAbsent(key(agent.name()), agent) != null) {
                throw new IllegalArgumentException("The agent name \"" + agent.name() + "\" is given twice.");
            }
        }
        this.byName = Map.copyOf(map);
        this.ordered = List.copyOf(agents);
    }

    /**
     * Parses {@code DIALER_AGENTS}: comma-separated {@code name:agent_id:target}, the target being the agent's E.164
     * number (reached by {@code <Dial>}) or {@code register-call}. Every problem is one sentence in {@code problems}.
     */
    public static Optional<Agents> parse(String value, java.util.function.Predicate<String> isE164, List<String> problems) {
        List<Agent> agents = new ArrayList<>();
        int before = problems.size();
        for (String entry : value.split(",")) {
            String spelled = entry.strip();
            if (spelled.isEmpty()) {
                continue;
            }
            String[] parts = spelled.split(":", -1);
            if (parts.length != 3) {
                problems.add("DIALER_AGENTS entries are name:agent_id:number or name:agent_id:register-call, like "
                        + "support:agent_7101k:+19385550100,sales:agent_9f2c:register-call; got \"" + spelled + "\".");
                continue;
            }
            String name = parts[0].strip();
            String agentId = parts[1].strip();
            String target = parts[2].strip();
            boolean ok = true;
            if (!NAME.matcher(name).matches()) {
                problems.add("DIALER_AGENTS: \"" + name + "\" is not an agent name (letters, digits, '_', '.', '-'; up to 100).");
                ok = false;
            }
            if (!AGENT_ID.matcher(agentId).matches()) {
                problems.add("DIALER_AGENTS: agent " + name + " needs its ElevenLabs agent id (letters, digits, '_', '-'), like agent_7101k; got \""
                        + agentId + "\".");
                ok = false;
            }
            if (!target.equalsIgnoreCase(REGISTER_CALL) && !isE164.test(target)) {
                problems.add("DIALER_AGENTS: agent " + name + " must end with its E.164 number, like +19385550100, or with "
                        + REGISTER_CALL + "; got \"" + target + "\".");
                ok = false;
            }
            if (ok) {
                agents.add(target.equalsIgnoreCase(REGISTER_CALL) ? Agent.registered(name, agentId)
                        : Agent.dialed(name, agentId, target));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        if (agents.isEmpty()) {
            problems.add("DIALER_AGENTS names no agent; unset it to use ELEVENLABS_PHONE_NUMBER as the one agent, \"support\".");
            return Optional.empty();
        }
        try {
            return Optional.of(new Agents(agents));
        } catch (IllegalArgumentException e) {
            problems.add("DIALER_AGENTS: " + e.getMessage());
            return Optional.empty();
        }
    }

    public List<Agent> all() {
        return ordered;
    }

    public Optional<Agent> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(key(name)));
    }

    /** The agent named {@code name}; an unknown name is refused with the known ones listed. */
    public Agent require(String name) {
        return find(name).orElseThrow(() -> new UnknownAgentException(name, names()));
    }

    /** The dialed agent whose number this is. */
    public Optional<Agent> byNumber(String number) {
        return ordered.stream().filter(a -> a.phoneNumber().filter(number::equals).isPresent()).findFirst();
    }

    /** The first agent, whose number {@code /api/twilio/health} shows as the seed's {@code elevenlabs_number}. */
    public Agent first() {
        return ordered.get(0);
    }

    public String names() {
        return ordered.stream().map(Agent::name).collect(Collectors.joining(", "));
    }

    public boolean anyRegisterCall() {
        return ordered.stream().anyMatch(a -> a.connection() == AgentConnection.REGISTER_CALL);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return ordered.stream().map(Agent::spelled).collect(Collectors.joining(","));
    }
}
