-- Annals store, schema version 1: documents, their coded events with provenance, errors,
-- and story events (one real-world event reported by many documents).

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    doc_id          TEXT NOT NULL,            -- the id the input gave (or the source)
    url             TEXT UNIQUE,              -- normalised URL
    text_hash       TEXT NOT NULL UNIQUE,     -- xxh3-128 of the normalised text
    lang            TEXT NOT NULL,
    lang_confidence REAL,                     -- NULL when the input declared the language
    published       TEXT,                     -- YYYY-MM-DD
    title           TEXT,
    source          TEXT NOT NULL,            -- file, file:line, file#record
    chars           INTEGER NOT NULL,
    sentences       TEXT NOT NULL             -- JSON [[start,end],...] character spans
);

CREATE TABLE entities (
    id        INTEGER PRIMARY KEY,
    document  INTEGER NOT NULL REFERENCES documents(id),
    idx       INTEGER NOT NULL,               -- index in the document record's entities
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    country   TEXT,
    sector    TEXT,
    wikidata  TEXT,
    known     INTEGER NOT NULL,
    mentions  TEXT NOT NULL                   -- JSON [{text,span}]
);
CREATE INDEX entities_document ON entities(document);

CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    document         INTEGER NOT NULL REFERENCES documents(id),
    idx              INTEGER NOT NULL,        -- index in the document record's events
    type             TEXT NOT NULL,
    mode             TEXT,
    cameo            TEXT NOT NULL,
    contexts         TEXT NOT NULL,           -- JSON array
    date_value       TEXT,
    date_precision   TEXT,
    date_text        TEXT,
    day_lo           TEXT,                    -- effective date window (event date, else publication)
    day_hi           TEXT,
    location_name    TEXT,
    location_country TEXT,
    lat              REAL,
    lon              REAL,
    negated          INTEGER NOT NULL,
    future           INTEGER NOT NULL,
    hypothetical     INTEGER NOT NULL,
    historical       INTEGER NOT NULL,
    score            REAL NOT NULL,
    sentence         INTEGER,                 -- sentence of the trigger
    trigger_text     TEXT NOT NULL,
    trigger_start    INTEGER NOT NULL,
    trigger_end      INTEGER NOT NULL,
    notes            TEXT NOT NULL            -- JSON array
);
CREATE INDEX events_document ON events(document);
CREATE INDEX events_type_day ON events(type, day_lo);

CREATE TABLE participants (
    event      INTEGER NOT NULL REFERENCES events(id),
    role       TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    name       TEXT NOT NULL,
    country    TEXT,
    sector     TEXT,
    entity     INTEGER REFERENCES entities(id),
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL
);
CREATE INDEX participants_event ON participants(event);

CREATE TABLE event_mentions (
    event      INTEGER NOT NULL REFERENCES events(id),
    sentence   INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions(event);

CREATE TABLE errors (
    id     INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    doc_id TEXT,
    kind   TEXT NOT NULL,
    reason TEXT NOT NULL,
    UNIQUE (source, kind)
);

CREATE TABLE stories (
    id               INTEGER PRIMARY KEY,
    type             TEXT NOT NULL,
    parties          TEXT NOT NULL,           -- KAZ+RUS (mutual) or RUS>UKR (directed)
    flags            TEXT NOT NULL,           -- negated/future/hypothetical, '' for plain
    date_value       TEXT,                    -- the most precise date its reports give
    date_precision   TEXT NOT NULL,           -- day | month | year | unknown
    date_lo          INTEGER,                 -- day numbers (days since 1970-01-01)
    date_hi          INTEGER,
    published_lo     INTEGER,
    published_hi     INTEGER,
    near_lo          INTEGER NOT NULL,        -- union of both windows, for candidate search
    near_hi          INTEGER NOT NULL,
    location_name    TEXT,
    location_country TEXT,
    reports          INTEGER NOT NULL,
    events           INTEGER NOT NULL
);
CREATE INDEX stories_key ON stories(type, parties, flags, near_lo);

CREATE TABLE story_members (
    event    INTEGER PRIMARY KEY REFERENCES events(id),
    story    INTEGER NOT NULL REFERENCES stories(id),
    document INTEGER NOT NULL REFERENCES documents(id),
    reason   TEXT NOT NULL                    -- why this event belongs to the story
);
CREATE INDEX story_members_story ON story_members(story);
