-- Arca catalog, version 9: the event log keeps each event's body as the text it was written.
--
-- A webhook signs, and the stream sends, exactly the stored body. As jsonb it came back re-serialised (keys ordered by
-- length, ", " separators); as json it is the envelope as EventLog wrote it: version, id, type, time, tenantId,
-- subject, data, compact. Bodies stored before this version keep jsonb's text.
alter table events alter column body type json using body::json;
