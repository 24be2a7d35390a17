-- Linking: the records behind each party and why they were merged, the
-- analysts' decisions on links (kept across reruns), and what each
-- watchlist reload changed.

-- Why records were merged, one reason a line; parties that share a phone
-- under an incompatible name are associates, never one party.
ALTER TABLE parties ADD COLUMN evidence VARCHAR;
ALTER TABLE parties ADD COLUMN associates VARCHAR[];

CREATE TABLE party_members (
    party_id VARCHAR NOT NULL,
    txn_id   VARCHAR NOT NULL,
    side     VARCHAR NOT NULL CHECK (side IN ('sender', 'beneficiary')),
    PRIMARY KEY (txn_id, side)
);

-- status: link (at or above the link threshold), review (in the review
-- band), confirmed or rejected (an analyst's decision); path: for network
-- links, the parties and amounts between the party and the HVT.
ALTER TABLE hvt_links ADD COLUMN status VARCHAR;
ALTER TABLE hvt_links ADD COLUMN path VARCHAR;

CREATE TABLE link_decisions (
    hvt_id     VARCHAR NOT NULL,
    party_id   VARCHAR NOT NULL,
    decision   VARCHAR NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
    note       VARCHAR,
    decided_at TIMESTAMP NOT NULL,
    PRIMARY KEY (hvt_id, party_id)
);

-- The aliases listed as weak (a nickname, "Walid"): capped in scoring.
-- Per identifier (name, alias, phone, account): its source and reliability.
ALTER TABLE watchlist ADD COLUMN weak_aliases VARCHAR[];
ALTER TABLE watchlist ADD COLUMN identifiers JSON;

CREATE TABLE watchlist_history (
    hvt_id     VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    source     VARCHAR NOT NULL,
    change     VARCHAR NOT NULL CHECK (change IN ('added', 'updated')),
    before     JSON,
    after      JSON
);
