-- 全局搜索 (Ctrl+K): one full-text index over 项目 (code, name), 单位 (code, name), 文书 (文号,
-- title) and 整改事项 (problem). FTS5 with the trigram tokenizer: Chinese has no spaces, so any
-- fragment of three or more characters of a name must match (shorter text is matched by LIKE on
-- the same table). 目标 are found through their project or unit at query time (their names live
-- there). Triggers keep the index current; both tables are local (rebuilt from synced rows).
-- No INSERT OR IGNORE inside the triggers: the exchange writes rows with an UPSERT, and an outer
-- statement's conflict handling overrides the one of the statements inside a trigger.
CREATE TABLE search_key (
    rowid    INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    ref_id   TEXT NOT NULL,
    UNIQUE (kind, ref_id)
) STRICT;

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    ref_id UNINDEXED,
    unit_id UNINDEXED,
    fiscal_year UNINDEXED,
    code,
    title,
    tokenize = 'trigram'
);

-- 项目
CREATE TRIGGER search_project_ins AFTER INSERT ON project BEGIN
    INSERT INTO search_key (kind, ref_id) SELECT '项目', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE kind = '项目' AND ref_id = NEW.id);
    INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
    SELECT k.rowid, '项目', NEW.id, NEW.unit_id, NEW.fiscal_year, NEW.code, NEW.name
    FROM search_key k WHERE k.kind = '项目' AND k.ref_id = NEW.id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_project_upd AFTER UPDATE OF code, name, unit_id, fiscal_year, deleted_at ON project BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_key WHERE kind = '项目' AND ref_id = OLD.id);
    INSERT INTO search_key (kind, ref_id) SELECT '项目', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE kind = '项目' AND ref_id = NEW.id);
    INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
    SELECT k.rowid, '项目', NEW.id, NEW.unit_id, NEW.fiscal_year, NEW.code, NEW.name
    FROM search_key k WHERE k.kind = '项目' AND k.ref_id = NEW.id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_project_del AFTER DELETE ON project BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_key WHERE kind = '项目' AND ref_id = OLD.id);
    DELETE FROM search_key WHERE kind = '项目' AND ref_id = OLD.id;
END;

-- 单位
CREATE TRIGGER search_unit_ins AFTER INSERT ON org_unit BEGIN
    INSERT INTO search_key (kind, ref_id) SELECT '单位', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE kind = '单位' AND ref_id = NEW.id);
    INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
    SELECT k.rowid, '单位', NEW.id, NEW.id, NULL, NEW.code, NEW.name
    FROM search_key k WHERE k.kind = '单位' AND k.ref_id = NEW.id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_unit_upd AFTER UPDATE OF code, name, deleted_at ON org_unit BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_key WHERE kind = '单位' AND ref_id = OLD.id);
    INSERT INTO search_key (kind, ref_id) SELECT '单位', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE kind = '单位' AND ref_id = NEW.id);
    INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
    SELECT k.rowid, '单位', NEW.id, NEW.id, NULL, NEW.code, NEW.name
    FROM search_key k WHERE k.kind = '单位' AND k.ref_id = NEW.id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_unit_del AFTER DELETE ON org_unit BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_key WHERE kind = '单位' AND ref_id = OLD.id);
    DELETE FROM search_key WHERE kind = '单位' AND ref_id = OLD.id;
END;

-- 文书: the 文号 as register.rs writes it, 「{机关代字}〔{年}〕{序号}号」, once issued.
CREATE TRIGGER search_document_ins AFTER INSERT ON document BEGIN
    INSERT INTO search_key (kind, ref_id) SELECT '文书', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE kind = '文书' AND ref_id = NEW.id);
    INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
    SELECT k.rowid, '文书', NEW.id, NEW.unit_id, NEW.fiscal_year,
        CASE WHEN NEW.doc_seq IS NULL THEN '' ELSE NEW.org_code || '〔' || NEW.doc_year || '〕' || NEW.doc_seq || '号' END,
        NEW.title
    FROM search_key k WHERE k.kind = '文书' AND k.ref_id = NEW.id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_document_upd AFTER UPDATE OF title, unit_id, org_code, doc_year, doc_seq, deleted_at ON document BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_key WHERE kind = '文书' AND ref_id = OLD.id);
    INSERT INTO search_key (kind, ref_id) SELECT '文书', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE kind = '文书' AND ref_id = NEW.id);
    INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
    SELECT k.rowid, '文书', NEW.id, NEW.unit_id, NEW.fiscal_year,
        CASE WHEN NEW.doc_seq IS NULL THEN '' ELSE NEW.org_code || '〔' || NEW.doc_year || '〕' || NEW.doc_seq || '号' END,
        NEW.title
    FROM search_key k WHERE k.kind = '文书' AND k.ref_id = NEW.id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_document_del AFTER DELETE ON document BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_key WHERE kind = '文书' AND ref_id = OLD.id);
    DELETE FROM search_key WHERE kind = '文书' AND ref_id = OLD.id;
END;

-- 整改事项
CREATE TRIGGER search_rect_ins AFTER INSERT ON rectification BEGIN
    INSERT INTO search_key (kind, ref_id) SELECT '整改', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE kind = '整改' AND ref_id = NEW.id);
    INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
    SELECT k.rowid, '整改', NEW.id, NEW.unit_id, NEW.fiscal_year, '', NEW.problem
    FROM search_key k WHERE k.kind = '整改' AND k.ref_id = NEW.id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_rect_upd AFTER UPDATE OF problem, unit_id, deleted_at ON rectification BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_key WHERE kind = '整改' AND ref_id = OLD.id);
    INSERT INTO search_key (kind, ref_id) SELECT '整改', NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_key WHERE kind = '整改' AND ref_id = NEW.id);
    INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
    SELECT k.rowid, '整改', NEW.id, NEW.unit_id, NEW.fiscal_year, '', NEW.problem
    FROM search_key k WHERE k.kind = '整改' AND k.ref_id = NEW.id AND NEW.deleted_at IS NULL;
END;
CREATE TRIGGER search_rect_del AFTER DELETE ON rectification BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT rowid FROM search_key WHERE kind = '整改' AND ref_id = OLD.id);
    DELETE FROM search_key WHERE kind = '整改' AND ref_id = OLD.id;
END;

-- What the database already holds.
INSERT INTO search_key (kind, ref_id) SELECT '项目', id FROM project;
INSERT INTO search_key (kind, ref_id) SELECT '单位', id FROM org_unit;
INSERT INTO search_key (kind, ref_id) SELECT '文书', id FROM document;
INSERT INTO search_key (kind, ref_id) SELECT '整改', id FROM rectification;
INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
SELECT k.rowid, '项目', p.id, p.unit_id, p.fiscal_year, p.code, p.name
FROM project p JOIN search_key k ON k.kind = '项目' AND k.ref_id = p.id WHERE p.deleted_at IS NULL;
INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
SELECT k.rowid, '单位', u.id, u.id, NULL, u.code, u.name
FROM org_unit u JOIN search_key k ON k.kind = '单位' AND k.ref_id = u.id WHERE u.deleted_at IS NULL;
INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
SELECT k.rowid, '文书', d.id, d.unit_id, d.fiscal_year,
    CASE WHEN d.doc_seq IS NULL THEN '' ELSE d.org_code || '〔' || d.doc_year || '〕' || d.doc_seq || '号' END, d.title
FROM document d JOIN search_key k ON k.kind = '文书' AND k.ref_id = d.id WHERE d.deleted_at IS NULL;
INSERT INTO search_index (rowid, kind, ref_id, unit_id, fiscal_year, code, title)
SELECT k.rowid, '整改', r.id, r.unit_id, r.fiscal_year, '', r.problem
FROM rectification r JOIN search_key k ON k.kind = '整改' AND k.ref_id = r.id WHERE r.deleted_at IS NULL;
