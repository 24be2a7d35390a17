-- The entries of one watchlist load, in the order the files list them,
-- before they are compared with the stored ones.
CREATE OR REPLACE TEMP TABLE watchlist_stage (
    file_no       INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    hvt_id        VARCHAR NOT NULL,
    primary_name  VARCHAR NOT NULL,
    aliases       VARCHAR[] NOT NULL,
    weak_aliases  VARCHAR[] NOT NULL,
    phones        VARCHAR[] NOT NULL,
    accounts      VARCHAR[] NOT NULL,
    nationalities VARCHAR[] NOT NULL,
    birth_date    VARCHAR,
    source        VARCHAR NOT NULL,
    notes         VARCHAR,
    identifiers   VARCHAR NOT NULL
);

-- The files of the load, to find what a file named as before no longer lists.
CREATE OR REPLACE TEMP TABLE watchlist_files (
    file_no INTEGER NOT NULL,
    source  VARCHAR NOT NULL
);
