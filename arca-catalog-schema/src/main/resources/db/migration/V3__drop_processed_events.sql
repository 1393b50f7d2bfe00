-- No consumer ever wrote processed_events: every job consumer is idempotent through its job row's state guard
-- (a repeated job message finds the row running, finished or cancelled and changes nothing), and the events
-- stream has no consumer inside Arca yet. A consumer that needs a processed-message log adds it with its feature.
drop table processed_events;
