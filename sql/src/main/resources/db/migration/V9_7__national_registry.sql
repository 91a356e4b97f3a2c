-- The National Do Not Call Registry (issue 19), as imported from the FTC's data files. The current state is one row per
-- area code: its registered seven-digit numbers as a sorted array of 4-byte big-endian integers (about 4 bytes a
-- number: 50 million numbers are about 200 MB), so a worker loads an area code in one read and answers a lookup with
-- a binary search. Each import (full list or change list) is a snapshot row with the registry's date.
CREATE TABLE registry_area_codes (
    area_code   INT           NOT NULL PRIMARY KEY,
    numbers     LONGBLOB      NOT NULL,
    count       INT           NOT NULL,
    snapshot_id BIGINT        NOT NULL,
    updated_at  DATETIME(3)   NOT NULL
);

CREATE TABLE registry_snapshots (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    snapshot_date    DATE          NOT NULL,               -- the registry's date of the data, as the FTC gives it
    kind             VARCHAR(8)    NOT NULL,               -- full, change
    file_name        VARCHAR(500)  NOT NULL,
    lines_read       BIGINT        NOT NULL,
    numbers_added    BIGINT        NOT NULL,
    numbers_removed  BIGINT        NOT NULL,
    rejected         BIGINT        NOT NULL,
    imported_by      VARCHAR(100)  NOT NULL,
    imported_at      DATETIME(3)   NOT NULL
);

-- The registry date a US number was checked against when the dial was decided (NULL when no check applied).
ALTER TABLE call_attempts ADD COLUMN registry_date DATE NULL;
