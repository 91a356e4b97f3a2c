package sa.navaia.dialer.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/** The two bucket operations {@link TokenGate} needs, so a backend can wrap them (retry on deadlock). */
interface BucketOperations {

    ConsumptionProbe tryConsumeAndReturnRemaining(long tokens);

    void addTokens(long tokens);

    static BucketOperations of(Bucket bucket) {
        return new BucketOperations() {
            @Override
            public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
                return bucket.tryConsumeAndReturnRemaining(tokens);
            }

            @Override
            public void addTokens(long tokens) {
                bucket.addTokens(tokens);
            }
        };
    }
}
