-- Being notified (issue 9): the outbox gets one dispatcher per kind ('mail', 'webhook'), webhooks
-- go out in order per request, and the service's daily digest keeps its own bookkeeping.

-- Rows sharing an ordering key (a webhook's request) are delivered one after the other: a later
-- row waits until every earlier one of the same kind and key is sent.
ALTER TABLE outbox ADD COLUMN ordering_key TEXT;
-- When the last delivery attempt was made (the admins' webhook delivery log).
ALTER TABLE outbox ADD COLUMN last_attempt_at INTEGER;
CREATE INDEX outbox_ordering ON outbox(kind, ordering_key, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_kind ON outbox(kind, id);

-- Submissions recorded while the service mail is set to 'digest': the next daily digest mails
-- them, then removes them (so a change of setting never loses nor repeats one).
CREATE TABLE digest_queue (
	event_id INTEGER PRIMARY KEY REFERENCES request_events(id)
);
