-- A session's close in two steps (issue 10, at scale): one short transaction freezes the
-- decisions, then each decision is APPLIED to its family (status, history, svc:status, mail, offer)
-- in small transactions, each marking its decisions applied with their effects. applied_at NULL:
-- frozen, not applied yet (the resume job finishes it, also after a restart). start_date: the
-- offered place's start date as decided (max(wished date, period start)), kept for the apply.
ALTER TABLE commission_decisions ADD COLUMN applied_at INTEGER;
ALTER TABLE commission_decisions ADD COLUMN start_date TEXT;
-- Sessions closed before: every decision was applied in the close's transaction.
UPDATE commission_decisions SET applied_at = (
	SELECT s.closed_at FROM commission_sessions s WHERE s.id = commission_decisions.session_id
) WHERE applied_at IS NULL;
CREATE INDEX commission_decisions_unapplied ON commission_decisions(session_id) WHERE applied_at IS NULL;
-- A request's rows on the waiting lists (dropped when it is offered a place, read to tell its ranks).
CREATE INDEX commission_waitlist_request ON commission_waitlist(request_id);
