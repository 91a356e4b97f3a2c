package sa.navaia.dialer.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every call the sandbox was asked to place, the attempt count per number, and the scripted outcomes. */
final class CallRegistry {

    private final CallModel model;
    private final CallQueue queue;
    private final Map<String, SimulatedCall> calls = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, Deque<ScriptedCall>> scripts = new HashMap<>();

    CallRegistry(CallModel model, CallQueue queue) {
        this.model = model;
        this.queue = queue;
    }

    /** Registers and queues a call; returns it as it was created (queued), as Twilio's create answers. */
    LedgerEntry create(CallRequest request, Instant receivedAt) {
        SimulatedCall call;
        synchronized (this) {
            int attempt = attempts.merge(request.to(), 1, Integer::sum);
            ScriptedCall script = nextScript(request.to());
            call = new SimulatedCall(Ids.callSid(), request, attempt, script != null,
                    model.plan(request.to(), attempt, script), receivedAt);
            calls.put(call.sid(), call);
        }
        LedgerEntry created = call.snapshot();
        queue.enqueue(call);
        return created;
    }

    /** Scripts are used one per attempt, in order; the last one stays for every later attempt. */
    private ScriptedCall nextScript(String to) {
        Deque<ScriptedCall> script = scripts.get(to);
        if (script == null || script.isEmpty()) {
            return null;
        }
        return script.size() > 1 ? script.poll() : script.peek();
    }

    synchronized void script(String to, ScriptedCall scripted) {
        scripts.computeIfAbsent(to, key -> new ArrayDeque<>()).add(scripted);
    }

    synchronized SimulatedCall find(String sid) {
        return calls.get(sid);
    }

    synchronized List<SimulatedCall> all() {
        return new ArrayList<>(calls.values());
    }

    List<LedgerEntry> ledger() {
        return all().stream().map(SimulatedCall::snapshot).toList();
    }
}
