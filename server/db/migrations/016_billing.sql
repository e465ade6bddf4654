-- migrate: rebuilds-tables
-- Billing and payment (issue 11): the national PSU scale as dated data, contracts with dated
-- terms (amendments keep the history), the month's extra hours and deductions, invoice runs,
-- invoices and credit notes numbered without gaps per year and immutable once issued, their
-- PDFs, the families' paperless choice per child, and online payments (PayFiP).
-- Money is INTEGER cents; an effort rate is INTEGER millionths of the monthly resources per hour
-- (0.0619 % = 619); durations are INTEGER minutes; dates are 'YYYY-MM-DD' (Europe/Paris), months
-- 'YYYY-MM', instants INTEGER milliseconds since the epoch.

-- ── The PSU scale (../shared/reference/psu-bareme.md): a value applies from its effective date ──

-- Taux d'effort per hour, by bracket of dependent children. One effective date carries the
-- whole set of brackets (min_children 1, 2, 3, 4 and 8: "4 to 7" is the bracket 4).
CREATE TABLE tariff_effort_rates (
	effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	min_children INTEGER NOT NULL CHECK (min_children IN (1, 2, 3, 4, 8)),
	rate_ppm INTEGER NOT NULL CHECK (rate_ppm > 0 AND rate_ppm < 10000),
	created_at INTEGER NOT NULL,
	created_by TEXT REFERENCES users(id),
	PRIMARY KEY (effective_from, min_children)
);

-- Plancher and plafond of the monthly resources, both given for each effective date.
CREATE TABLE tariff_resource_bounds (
	effective_from TEXT PRIMARY KEY CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	floor_cents INTEGER NOT NULL CHECK (floor_cents > 0),
	ceiling_cents INTEGER NOT NULL,
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by TEXT REFERENCES users(id),
	CHECK (ceiling_cents > floor_cents)
);

-- Other dated billing parameters, by name: 'illness_waiting_days' (days of illness not deducted),
-- 'default_weeks_per_year' (weeks of attendance a new contract proposes), 'payment_due_days'
-- (days between issue and due date).
CREATE TABLE billing_parameters (
	name TEXT NOT NULL CHECK (name IN ('illness_waiting_days', 'default_weeks_per_year', 'payment_due_days')),
	effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	value INTEGER NOT NULL CHECK (value >= 0),
	created_at INTEGER NOT NULL,
	created_by TEXT REFERENCES users(id),
	PRIMARY KEY (name, effective_from)
);

-- The seed: the reference's values (2019 and 2020 brackets from circular Cnaf 2019-005).
INSERT INTO tariff_effort_rates (effective_from, min_children, rate_ppm, created_at) VALUES
	('2019-09-01', 1, 605, 0), ('2019-09-01', 2, 504, 0), ('2019-09-01', 3, 403, 0),
	('2019-09-01', 4, 302, 0), ('2019-09-01', 8, 202, 0),
	('2020-01-01', 1, 610, 0), ('2020-01-01', 2, 508, 0), ('2020-01-01', 3, 406, 0),
	('2020-01-01', 4, 305, 0), ('2020-01-01', 8, 203, 0),
	('2021-01-01', 1, 615, 0), ('2021-01-01', 2, 512, 0), ('2021-01-01', 3, 410, 0),
	('2021-01-01', 4, 307, 0), ('2021-01-01', 8, 205, 0),
	('2022-01-01', 1, 619, 0), ('2022-01-01', 2, 516, 0), ('2022-01-01', 3, 413, 0),
	('2022-01-01', 4, 310, 0), ('2022-01-01', 8, 206, 0);

INSERT INTO tariff_resource_bounds (effective_from, floor_cents, ceiling_cents, note, created_at) VALUES
	('2019-09-01', 70527, 530000, NULL, 0),
	('2022-01-01', 70527, 600000, NULL, 0),
	('2024-01-01', 76577, 600000, NULL, 0),
	('2024-09-01', 76577, 700000, NULL, 0),
	('2025-01-01', 81462, 700000, 'Plancher publié par une commune membre : à confirmer auprès de la CAF.', 0),
	('2025-09-01', 81462, 850000, 'Plafond applicable à tous les contrats, y compris en cours.', 0);

INSERT INTO billing_parameters (name, effective_from, value, created_at) VALUES
	('illness_waiting_days', '2019-09-01', 3, 0),
	('default_weeks_per_year', '2019-09-01', 47, 0),
	('payment_due_days', '2019-09-01', 30, 0);

-- The service's identity and how to pay, printed on invoices and certificates (one row).
CREATE TABLE billing_settings (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	body TEXT NOT NULL,                         -- JSON: {name, addressLines[], phone, email, siret, paymentText}
	updated_at INTEGER NOT NULL,
	updated_by TEXT REFERENCES users(id)
);
INSERT INTO billing_settings (id, body, updated_at) VALUES (1, json('{
	"name": "Vienne Condrieu Agglomération — Service petite enfance",
	"addressLines": ["Espace Saint-Germain", "Bâtiment Antarès - BP 263", "30 avenue Général Leclerc", "38217 Vienne Cedex"],
	"phone": "04 74 78 87 87",
	"email": "petite-enfance@espace-famille.localhost",
	"siret": "200 077 014 00012",
	"paymentText": "Payez en ligne dans votre Espace Famille (Mes factures, Payer), par carte bancaire ou prélèvement unique, ou auprès du Trésor public avec la référence de la facture."
}'), 0);

-- ── Contracts: a commission's accepted place, or one an agent enters for a child already in a crèche ──

CREATE TABLE contracts_new (
	id TEXT PRIMARY KEY,
	household_id TEXT NOT NULL REFERENCES households(id),
	request_id TEXT UNIQUE REFERENCES requests(id),   -- NULL when entered by an agent
	offer_id TEXT UNIQUE REFERENCES offers(id),       -- NULL when entered by an agent
	origin TEXT NOT NULL DEFAULT 'commission' CHECK (origin IN ('commission', 'desk')),
	child_id TEXT NOT NULL,                     -- the child's member id in the household file
	child_name TEXT NOT NULL,
	child_birth_date TEXT,                      -- for the tax certificate (under 6 on 1 January)
	structure_id TEXT NOT NULL REFERENCES structures(id),
	age_group TEXT NOT NULL CHECK (age_group IN ('babies', 'toddlers', 'older')),
	start_date TEXT NOT NULL,
	end_date TEXT,                              -- NULL until the terms are entered (anomaly)
	weekly_schedule TEXT,                       -- JSON, NULL while « à convenir »
	status TEXT NOT NULL DEFAULT 'Admis' CHECK (status IN ('Admis', 'Terminé')),
	created_at INTEGER NOT NULL,
	created_by TEXT REFERENCES users(id),
	CHECK (end_date IS NULL OR end_date >= start_date),
	CHECK (origin = 'desk' OR (request_id IS NOT NULL AND offer_id IS NOT NULL))
);
INSERT INTO contracts_new (id, household_id, request_id, offer_id, origin, child_id, child_name,
	structure_id, age_group, start_date, weekly_schedule, status, created_at)
	SELECT id, household_id, request_id, offer_id, 'commission', child_id, child_name,
		structure_id, age_group, start_date, weekly_schedule, status, created_at FROM contracts;
DROP TABLE contracts;
ALTER TABLE contracts_new RENAME TO contracts;
CREATE INDEX contracts_household ON contracts(household_id);
CREATE INDEX contracts_structure ON contracts(structure_id, status);

-- The terms of a contract, dated: the first row is the contract's, each later one an amendment
-- (avenant) that applies from its effective date (the 1st of a month) on. Never updated: an
-- amendment is a new row; the history is the rows in order.
CREATE TABLE contract_terms (
	id INTEGER PRIMARY KEY,
	contract_id TEXT NOT NULL REFERENCES contracts(id),
	effective_from TEXT NOT NULL,               -- the contract's start date, or the 1st of a month
	minutes_per_week INTEGER NOT NULL CHECK (minutes_per_week > 0 AND minutes_per_week <= 3300),
	days_per_week INTEGER NOT NULL CHECK (days_per_week BETWEEN 1 AND 5),
	weeks_per_year INTEGER NOT NULL CHECK (weeks_per_year BETWEEN 1 AND 52),
	months_billed INTEGER NOT NULL DEFAULT 12 CHECK (months_billed BETWEEN 1 AND 12),
	monthly_resources_cents INTEGER CHECK (monthly_resources_cents IS NULL OR monthly_resources_cents >= 0),
	resources_source TEXT CHECK (resources_source IN ('caf', 'tax_notice', 'none')),
	resources_date TEXT,                        -- date of the CAF figure (CDAP) or of the tax notice
	dependent_children INTEGER NOT NULL CHECK (dependent_children BETWEEN 1 AND 30),
	aeeh_children INTEGER NOT NULL DEFAULT 0 CHECK (aeeh_children BETWEEN 0 AND 30),
	reason TEXT,                                -- why the amendment (French, shown in the history)
	created_at INTEGER NOT NULL,
	created_by TEXT REFERENCES users(id),
	UNIQUE (contract_id, effective_from)
);
CREATE TRIGGER contract_terms_immutable BEFORE UPDATE ON contract_terms
BEGIN SELECT RAISE(ABORT, 'contract terms are never updated: add an amendment'); END;

-- What a month adds to or takes from the contract: extra hours, and deductions (closure of the
-- structure, hospitalisation, illness with a medical certificate). Billed by the month's invoice.
CREATE TABLE billing_entries (
	id TEXT PRIMARY KEY,
	contract_id TEXT NOT NULL REFERENCES contracts(id),
	month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
	kind TEXT NOT NULL CHECK (kind IN ('extra_hours', 'closure', 'hospitalisation', 'illness')),
	minutes INTEGER CHECK (minutes IS NULL OR minutes > 0),   -- extra_hours
	days INTEGER CHECK (days IS NULL OR days > 0),            -- deductions: days of absence
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by TEXT REFERENCES users(id),
	deleted_at INTEGER,                         -- withdrawn before the month was issued
	CHECK ((kind = 'extra_hours' AND minutes IS NOT NULL AND days IS NULL)
		OR (kind <> 'extra_hours' AND days IS NOT NULL AND minutes IS NULL))
);
CREATE INDEX billing_entries_month ON billing_entries(month, contract_id);

-- ── Invoices ──

-- One run per month issues that month's invoices; its state lets a crashed run resume.
CREATE TABLE invoice_runs (
	id TEXT PRIMARY KEY,
	month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
	status TEXT NOT NULL CHECK (status IN ('running', 'done')),
	planned INTEGER NOT NULL,                   -- invoices the run will issue
	issued INTEGER NOT NULL DEFAULT 0,
	total_cents INTEGER NOT NULL DEFAULT 0,
	started_at INTEGER NOT NULL,
	started_by TEXT REFERENCES users(id),
	finished_at INTEGER,
	print_batch BLOB,                           -- one PDF of the invoices to print (not paperless)
	print_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invoice_runs_month ON invoice_runs(month);

-- Legal numbering: one gapless sequence per year and kind ('F' invoices, 'A' credit notes). The
-- counter moves in the same transaction as the invoice it numbers.
CREATE TABLE invoice_sequences (
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('F', 'A')),
	last INTEGER NOT NULL,
	PRIMARY KEY (year, kind)
);

-- An invoice or a credit note. Immutable once issued (triggers below): a correction is a credit
-- note (kind 'credit_note', credits_invoice_id set, amount > 0 = what it takes off).
CREATE TABLE invoices (
	id TEXT PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,                -- 'F2027-000001' / 'A2027-000001'
	year INTEGER NOT NULL,
	seq INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
	run_id TEXT REFERENCES invoice_runs(id),    -- NULL for a credit note
	credits_invoice_id TEXT REFERENCES invoices(id),
	contract_id TEXT NOT NULL REFERENCES contracts(id),
	household_id TEXT NOT NULL REFERENCES households(id),
	child_id TEXT NOT NULL,
	child_name TEXT NOT NULL,
	structure_id TEXT NOT NULL REFERENCES structures(id),
	month TEXT NOT NULL,                        -- the month billed
	issued_at INTEGER NOT NULL,
	issue_date TEXT NOT NULL,                   -- 'YYYY-MM-DD' Europe/Paris
	due_date TEXT NOT NULL,
	amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
	lines TEXT NOT NULL,                        -- JSON InvoiceLine[] (src/lib/domain/invoice.ts)
	computation TEXT NOT NULL,                  -- JSON: how the hourly rate was computed
	family_name TEXT NOT NULL,                  -- as printed: « Madame Fernande HUBY »
	family_address TEXT NOT NULL,               -- JSON string[]
	payer_email TEXT,
	paperless INTEGER NOT NULL CHECK (paperless IN (0, 1)),
	reason TEXT,                                -- credit note: why
	created_by TEXT REFERENCES users(id),
	delivered_at INTEGER,                       -- svc:invoice written to the household (mutable)
	UNIQUE (year, kind, seq),
	CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL))
);
CREATE UNIQUE INDEX invoices_one_per_month ON invoices(contract_id, month) WHERE kind = 'invoice';
CREATE INDEX invoices_household ON invoices(household_id, issued_at);
CREATE INDEX invoices_run ON invoices(run_id);
CREATE INDEX invoices_credits ON invoices(credits_invoice_id) WHERE credits_invoice_id IS NOT NULL;
CREATE INDEX invoices_undelivered ON invoices(issued_at) WHERE delivered_at IS NULL;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OF id, number, year, seq, kind, run_id,
	credits_invoice_id, contract_id, household_id, child_id, child_name, structure_id, month,
	issued_at, issue_date, due_date, amount_cents, lines, computation, family_name,
	family_address, payer_email, paperless, reason, created_by ON invoices
BEGIN SELECT RAISE(ABORT, 'an issued invoice is immutable: issue a credit note'); END;
CREATE TRIGGER invoices_never_deleted BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'an issued invoice is never deleted'); END;

CREATE TABLE invoice_pdfs (
	invoice_id TEXT PRIMARY KEY REFERENCES invoices(id),
	pdf BLOB NOT NULL
);
CREATE TRIGGER invoice_pdfs_immutable BEFORE UPDATE ON invoice_pdfs
BEGIN SELECT RAISE(ABORT, 'an issued invoice is immutable'); END;
CREATE TRIGGER invoice_pdfs_never_deleted BEFORE DELETE ON invoice_pdfs
BEGIN SELECT RAISE(ABORT, 'an issued invoice is never deleted'); END;

-- ── Paperless invoices, per child (projected from the family's `paperless` documents) ──

CREATE TABLE paperless_choices (
	household_id TEXT NOT NULL REFERENCES households(id),
	child_id TEXT NOT NULL,
	paperless INTEGER NOT NULL CHECK (paperless IN (0, 1)),
	doc_id TEXT NOT NULL,                       -- the `paperless:<uuid>` document that said so
	validated_at TEXT NOT NULL,                 -- ISO, the device's clock when the parent validated
	updated_at INTEGER NOT NULL,                -- server clock of the projection
	PRIMARY KEY (household_id, child_id)
);

-- ── Online payments (PayFiP) ──

-- One attempt = one PayFiP operation (idop). Recorded once: status moves from 'pending' to a
-- final state exactly once, whatever the number of notifications or returns.
CREATE TABLE payments (
	id TEXT PRIMARY KEY,
	invoice_id TEXT NOT NULL REFERENCES invoices(id),
	household_id TEXT NOT NULL REFERENCES households(id),
	user_id TEXT REFERENCES users(id),
	provider TEXT NOT NULL,                     -- 'payfip'
	idop TEXT UNIQUE,                           -- NULL until the provider answered
	refdet TEXT NOT NULL,
	amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
	mel TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'refused', 'cancelled', 'expired', 'failed')),
	result_code TEXT,                           -- resultrans: P V R Z A, or the provider's error
	means TEXT,                                 -- 'card' | 'debit'
	numauto TEXT,
	paid_at TEXT,                               -- ISO, from dattrans/heurtrans
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	checked_at INTEGER,                         -- last time the provider was asked
	checks INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX payments_invoice ON payments(invoice_id, status);
CREATE INDEX payments_pending ON payments(created_at) WHERE status = 'pending';
