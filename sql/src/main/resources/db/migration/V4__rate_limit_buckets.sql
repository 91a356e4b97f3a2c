-- Bucket4j's shared token buckets (MySQLSelectForUpdateBasedProxyManager): one row per bucket key,
-- so every worker process on the same database draws from the same buckets.
CREATE TABLE rate_limit_buckets (
    id         BIGINT     NOT NULL PRIMARY KEY,
    state      BLOB       NULL,
    expires_at BIGINT     NULL
);
