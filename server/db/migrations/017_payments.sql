-- Online payment (issue 11, H-pay): at most one attempt in progress per invoice, and the local
-- PayFiP simulator's operations (demo mode and tests only; empty elsewhere).

-- One pending attempt per invoice: starting a new one first settles or supersedes the previous
-- (server/billing/payment/start.ts), so two idOp are never open at once for the same invoice.
CREATE UNIQUE INDEX payments_one_pending ON payments(invoice_id) WHERE status = 'pending';
CREATE INDEX payments_household ON payments(household_id, created_at);

-- The simulator's PayFiP operations: what creerPaiementSecurise received, then what the payer
-- chose on its page (resultrans NULL until then). An idOp is valid 15 minutes.
CREATE TABLE payfip_sim_operations (
	idop TEXT PRIMARY KEY,
	numcli TEXT NOT NULL,
	exer TEXT NOT NULL,
	refdet TEXT NOT NULL,
	objet TEXT NOT NULL,
	montant INTEGER NOT NULL,                   -- cents
	mel TEXT NOT NULL,
	urlnotif TEXT NOT NULL,
	urlredirect TEXT NOT NULL,
	saisie TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	resultrans TEXT CHECK (resultrans IN ('P', 'V', 'R', 'Z', 'A')),
	acted_at INTEGER,
	numauto TEXT,
	notify TEXT CHECK (notify IN ('immediate', 'delayed', 'twice', 'none')),
	notify_due_at INTEGER,                      -- a delayed notification still to send
	notifications INTEGER NOT NULL DEFAULT 0    -- notifications sent
);
CREATE INDEX payfip_sim_notify_due ON payfip_sim_operations(notify_due_at) WHERE notify_due_at IS NOT NULL;
