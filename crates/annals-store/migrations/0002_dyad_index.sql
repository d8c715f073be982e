-- Schema version 2: events by party country, for dyad and actor-country queries
-- (`e.id IN (SELECT event FROM participants WHERE country = ?)`) without a scan of all events.
CREATE INDEX IF NOT EXISTS participants_country_event ON participants(country, event);
