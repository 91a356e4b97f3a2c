package sa.navaia.dialer.webhook;

import java.util.EnumMap;
import java.util.Map;
import sa.navaia.dialer.db.TestDatabase;

/** One server per database kind per test class: started on first use, closed after the class. */
public final class Harnesses implements AutoCloseable {

    private final Map<TestDatabase, ReceiverHarness> started = new EnumMap<>(TestDatabase.class);

    public synchronized ReceiverHarness on(TestDatabase kind) {
        return started.computeIfAbsent(kind, ReceiverHarness::start);
    }

    @Override
    public synchronized void close() {
        started.values().forEach(ReceiverHarness::close);
        started.clear();
    }
}
