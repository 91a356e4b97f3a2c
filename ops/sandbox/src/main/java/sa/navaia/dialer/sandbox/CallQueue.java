package sa.navaia.dialer.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The account's calls-per-second limit, enforced as Twilio does: calls beyond the rate wait in a queue.
 * Each start is at least {@code 1000 / cps} ms (by the clock) after the previous one, so no 1-second
 * window ever holds more than {@code cps} starts.
 */
final class CallQueue {

    private final Clock clock;
    private final long millisBetweenCalls;
    private final ScheduledExecutorService dispatcher;
    private final Consumer<SimulatedCall> starter;
    private final Queue<SimulatedCall> waiting = new ArrayDeque<>();
    private long nextStartMillis = Long.MIN_VALUE;

    CallQueue(Clock clock, long millisBetweenCalls, ScheduledExecutorService dispatcher,
              Consumer<SimulatedCall> starter) {
        this.clock = clock;
        this.millisBetweenCalls = millisBetweenCalls;
        this.dispatcher = dispatcher;
        this.starter = starter;
    }

    synchronized void enqueue(SimulatedCall call) {
        waiting.add(call);
        dispatcher.execute(this::drain);
    }

    private synchronized void drain() {
        while (!waiting.isEmpty()) {
            long now = clock.millis();
            if (now < nextStartMillis) {
                dispatcher.schedule(this::drain, nextStartMillis - now, TimeUnit.MILLISECONDS);
                return;
            }
            SimulatedCall call = waiting.poll();
            nextStartMillis = now + millisBetweenCalls;
            call.started(Instant.ofEpochMilli(now));
            starter.accept(call);
        }
    }
}
