-- verbund federation file, schema version 1: the base that every file
-- starts from.  Later versions are steps in src/db.c (migrations[]):
--   2  staff transfer numbers are never given again (AUTOINCREMENT).
--   3  a random secret key of the federation for pseudonyms (table secret).
-- One federation per file.  Codes are the identities that the command
-- line and CSV files use, so references are by code.  Money is INTEGER
-- cents, figures and percentages INTEGER ten-thousandths, dates TEXT
-- 'YYYY-MM-DD' (validated by the program; the CHECKs guard the shape).

CREATE TABLE federation (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  name    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  notes   TEXT,
  created TEXT NOT NULL
);

CREATE TABLE member (
  code    TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^a-z0-9_-]*'),
  name    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind    TEXT NOT NULL CHECK (kind IN ('landkreis','stadt','gemeinde','samtgemeinde',
                                         'landschaftsverband','zweckverband','other')),
  status  TEXT NOT NULL CHECK (status IN ('prospective','intent','pilot','member','former')),
  joined  TEXT CHECK (joined IS NULL OR joined GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  "left"  TEXT CHECK ("left" IS NULL OR "left" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  host    INTEGER NOT NULL DEFAULT 0 CHECK (host IN (0, 1)),
  contact TEXT,
  email   TEXT,
  phone   TEXT,
  notes   TEXT,
  CHECK ("left" IS NULL OR joined IS NULL OR "left" >= joined)
) WITHOUT ROWID;
CREATE UNIQUE INDEX member_host ON member(host) WHERE host = 1;

CREATE TABLE figure (
  member  TEXT NOT NULL REFERENCES member(code),
  metric  TEXT NOT NULL CHECK (length(metric) BETWEEN 1 AND 32 AND metric NOT GLOB '*[^a-z0-9_-]*'),
  year    INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
  value   INTEGER NOT NULL CHECK (value >= 0),          -- ten-thousandths
  PRIMARY KEY (member, metric, year)
) WITHOUT ROWID;

CREATE TABLE cost_key (
  code    TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^a-z0-9_-]*'),
  name    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  method  TEXT NOT NULL CHECK (method IN ('metric','equal','fixed','composite')),
  metric  TEXT,
  "offset" INTEGER NOT NULL DEFAULT 0 CHECK ("offset" BETWEEN -100 AND 100),
  CHECK ((method = 'metric') = (metric IS NOT NULL))
) WITHOUT ROWID;

-- fixed keys: a percentage per member
CREATE TABLE key_share (
  key     TEXT NOT NULL REFERENCES cost_key(code) ON DELETE CASCADE,
  member  TEXT NOT NULL REFERENCES member(code),
  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 1000000),   -- ten-thousandths
  PRIMARY KEY (key, member)
) WITHOUT ROWID;

-- composite keys: parts in order
CREATE TABLE key_part (
  key     TEXT NOT NULL REFERENCES cost_key(code) ON DELETE CASCADE,
  pos     INTEGER NOT NULL,
  part    TEXT NOT NULL REFERENCES cost_key(code),
  weight  INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 1000000),   -- ten-thousandths
  PRIMARY KEY (key, pos),
  UNIQUE (key, part)
) WITHOUT ROWID;

CREATE TABLE key_exclude (
  key     TEXT NOT NULL REFERENCES cost_key(code) ON DELETE CASCADE,
  member  TEXT NOT NULL REFERENCES member(code),
  PRIMARY KEY (key, member)
) WITHOUT ROWID;

CREATE TABLE service (
  code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^a-z0-9_-]*'),
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  key         TEXT NOT NULL REFERENCES cost_key(code),
  unit        TEXT,
  hours       TEXT,
  subscription INTEGER NOT NULL DEFAULT 0 CHECK (subscription IN (0, 1)),
  standalone  INTEGER CHECK (standalone IS NULL OR standalone >= 0),   -- cents
  description TEXT
) WITHOUT ROWID;

CREATE TABLE cost (
  service TEXT NOT NULL REFERENCES service(code),
  year    INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
  basis   TEXT NOT NULL CHECK (basis IN ('plan','actual')),
  amount  INTEGER NOT NULL CHECK (amount >= 0),          -- cents
  PRIMARY KEY (service, year, basis)
) WITHOUT ROWID;

CREATE TABLE subscription (
  member  TEXT NOT NULL REFERENCES member(code),
  service TEXT NOT NULL REFERENCES service(code),
  "from"  TEXT NOT NULL,
  "until" TEXT,
  PRIMARY KEY (member, service, "from"),
  CHECK ("until" IS NULL OR "until" >= "from")
) WITHOUT ROWID;

CREATE TABLE grant_fund (
  code    TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^a-z0-9_-]*'),
  name    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  source  TEXT,
  amount  INTEGER NOT NULL CHECK (amount >= 0),          -- cents
  "from"  TEXT NOT NULL,
  "until" TEXT NOT NULL,
  service TEXT REFERENCES service(code),
  CHECK ("until" >= "from")
) WITHOUT ROWID;

CREATE TABLE transfer (
  id      INTEGER PRIMARY KEY,
  person  TEXT NOT NULL CHECK (length(person) BETWEEN 1 AND 200),
  "from"  TEXT NOT NULL REFERENCES member(code),
  "to"    TEXT NOT NULL REFERENCES member(code),
  date    TEXT NOT NULL,
  credit  INTEGER NOT NULL CHECK (credit >= 0),          -- cents per year
  years   INTEGER NOT NULL CHECK (years BETWEEN 0 AND 100),
  fte     INTEGER CHECK (fte IS NULL OR fte >= 0),       -- ten-thousandths
  grade   TEXT,
  notes   TEXT,
  UNIQUE (person, "from", "to", date),
  CHECK ("from" <> "to")
);

CREATE TABLE agreement (
  code    TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^a-z0-9_-]*'),
  title   TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  type    TEXT NOT NULL CHECK (type IN ('zweckvereinbarung','oerv','absichtserklaerung',
                                        'kooperationsvertrag','other')),
  notes   TEXT
) WITHOUT ROWID;

CREATE TABLE agreement_version (
  agreement TEXT NOT NULL REFERENCES agreement(code) ON DELETE CASCADE,
  number    INTEGER NOT NULL CHECK (number >= 1),
  "from"    TEXT NOT NULL,
  "until"   TEXT,
  term_years INTEGER CHECK (term_years IS NULL OR term_years BETWEEN 1 AND 100),
  notice_months INTEGER CHECK (notice_months IS NULL OR notice_months BETWEEN 0 AND 120),
  text      TEXT,
  PRIMARY KEY (agreement, number),
  CHECK ("until" IS NULL OR "until" >= "from")
) WITHOUT ROWID;

CREATE TABLE agreement_party (
  agreement TEXT NOT NULL,
  number    INTEGER NOT NULL,
  member    TEXT NOT NULL REFERENCES member(code),
  pos       INTEGER NOT NULL,
  PRIMARY KEY (agreement, number, member),
  FOREIGN KEY (agreement, number) REFERENCES agreement_version(agreement, number) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE signature (
  agreement TEXT NOT NULL,
  number    INTEGER NOT NULL,
  member    TEXT NOT NULL,
  signatory TEXT NOT NULL CHECK (length(signatory) BETWEEN 1 AND 200),
  role      TEXT,
  date      TEXT NOT NULL,
  PRIMARY KEY (agreement, number, member),
  FOREIGN KEY (agreement, number, member)
    REFERENCES agreement_party(agreement, number, member) ON DELETE CASCADE
) WITHOUT ROWID;

-- advances recorded as issued (Abschlagsbescheid) for a year
CREATE TABLE advance (
  year    INTEGER NOT NULL,
  member  TEXT NOT NULL REFERENCES member(code),
  k       INTEGER NOT NULL CHECK (k >= 0),
  due     TEXT NOT NULL,
  amount  INTEGER NOT NULL,                              -- cents
  issued  TEXT NOT NULL,
  PRIMARY KEY (year, member, k)
) WITHOUT ROWID;

-- append-only audit log
CREATE TABLE audit (
  id      INTEGER PRIMARY KEY,
  time    TEXT NOT NULL,
  user    TEXT NOT NULL,
  action  TEXT NOT NULL,
  entity  TEXT NOT NULL,
  code    TEXT NOT NULL,
  before  TEXT,
  after   TEXT
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
