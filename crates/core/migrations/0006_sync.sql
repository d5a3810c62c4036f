-- 0006: offline exchange between PCs (USB packages): this PC's identity, a version per synced
-- row (written by triggers that the app installs for every synced table), peers, the history of
-- packages sent and received, and conflicts kept for a person to resolve.
-- None of these tables is itself synced.

-- This PC: one row (id = 1). `applying` is 1 only inside the transaction that applies a package,
-- so the change triggers don't stamp received rows as local edits.
CREATE TABLE sync_local (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    site_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('财政局','预算单位','乡镇')),
    unit_id     TEXT REFERENCES org_unit(id),
    base_seq    INTEGER NOT NULL DEFAULT 0,
    applying    INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
    updated_at  TEXT NOT NULL
) STRICT;

-- The version of every synced row: `ver` is replaced on each change, `hist` lists the earlier
-- versions (JSON array, oldest first, at most 32) so a receiver can tell "newer" from "both
-- changed". `seq` orders local changes for "since the last export"; 0 = part of the common base.
-- `deleted` = 1 is a tombstone: the row was deleted and the delete travels.
-- `shared` = 1 when the current version may be known to another PC (it arrived in a package,
-- was sent in one, or left in a copy of this file); only such versions go into `hist` on the
-- next local edit — a clerk saving a form forty times doesn't push the shared one out.
-- `base_ver` / `base_json`: the last shared version and its image (JSON, BLOB columns left out),
-- taken at the first local edit after it — the common ancestor that lets edits of different
-- fields on two PCs merge instead of conflicting.
CREATE TABLE sync_row (
    tbl        TEXT NOT NULL,
    pk         TEXT NOT NULL,
    ver        TEXT NOT NULL,
    hist       TEXT NOT NULL DEFAULT '[]',
    seq        INTEGER NOT NULL,
    origin     TEXT NOT NULL DEFAULT '',
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    shared     INTEGER NOT NULL DEFAULT 1 CHECK (shared IN (0, 1)),
    base_ver   TEXT,
    base_json  TEXT,
    PRIMARY KEY (tbl, pk)
) STRICT, WITHOUT ROWID;
CREATE INDEX sync_row_seq ON sync_row(seq);

-- Other PCs this one exchanges with; '*' is 「全部单位」. last_sent_seq: our changes up to here
-- were sent to (or are known to be held by) the peer; last_received_seq: the peer's changes up
-- to here are held here (acknowledged back in our packages, so the peer need not resend them).
CREATE TABLE sync_peer (
    site_id            TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL,
    unit_id            TEXT,
    last_sent_seq      INTEGER NOT NULL DEFAULT 0,
    last_received_seq  INTEGER NOT NULL DEFAULT 0,
    last_received_at   TEXT,
    updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE sync_package (
    id                 TEXT NOT NULL,
    direction          TEXT NOT NULL CHECK (direction IN ('导出','导入')),
    peer_site_id       TEXT NOT NULL,
    peer_name          TEXT NOT NULL,
    seq_from           INTEGER NOT NULL,
    seq_to             INTEGER NOT NULL,
    change_count       INTEGER NOT NULL,
    file_count         INTEGER NOT NULL,
    applied            INTEGER NOT NULL DEFAULT 0,
    skipped_duplicate  INTEGER NOT NULL DEFAULT 0,
    conflicts          INTEGER NOT NULL DEFAULT 0,
    file_name          TEXT NOT NULL,
    sha256             TEXT NOT NULL,
    size_bytes         INTEGER NOT NULL,
    operator_name      TEXT NOT NULL,
    at                 TEXT NOT NULL,
    PRIMARY KEY (id, direction)
) STRICT;
CREATE INDEX sync_package_at ON sync_package(at);

-- Both sides changed the same row since they last exchanged it (or one deleted what the other
-- edited). Nothing is dropped: both versions are kept until someone chooses.
CREATE TABLE sync_conflict (
    id              TEXT PRIMARY KEY,
    tbl             TEXT NOT NULL,
    pk              TEXT NOT NULL,
    package_id      TEXT NOT NULL,
    peer_site_id    TEXT NOT NULL,
    peer_name       TEXT NOT NULL,
    reason          TEXT NOT NULL,
    ours_ver        TEXT NOT NULL,
    ours_deleted    INTEGER NOT NULL CHECK (ours_deleted IN (0, 1)),
    ours_json       TEXT,
    theirs_ver      TEXT NOT NULL,
    theirs_hist     TEXT NOT NULL,
    theirs_origin   TEXT NOT NULL,
    theirs_deleted  INTEGER NOT NULL CHECK (theirs_deleted IN (0, 1)),
    theirs_json     TEXT,
    status          TEXT NOT NULL CHECK (status IN ('待处理','已处理','对方已处理')),
    choice          TEXT CHECK (choice IN ('本机','对方','编辑')),
    resolved_by     TEXT,
    resolved_at     TEXT,
    created_at      TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX sync_conflict_open ON sync_conflict(tbl, pk) WHERE status = '待处理';
CREATE INDEX sync_conflict_created ON sync_conflict(created_at);
