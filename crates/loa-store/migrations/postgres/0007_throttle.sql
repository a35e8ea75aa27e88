-- Rate limits every node shares: per bucket (sign-in, comments, search,
-- API...) and key (a client address, an account), the events counted in
-- the current fixed window and the one before it, which together give a
-- sliding estimate. Rows of windows long gone are pruned.
CREATE TABLE throttle (
    bucket       TEXT NOT NULL,
    key          TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    prev_count   BIGINT NOT NULL,
    PRIMARY KEY (bucket, key)
);
CREATE INDEX throttle_by_window ON throttle (bucket, window_start);
