// The monthly invoice run. Everything is computed first (month-plan.ts), the run row records how
// many invoices it plans, then invoices are issued in chunks — each chunk one transaction (numbers,
// invoices, PDFs, the run's counters), the event loop getting the hand between chunks so the
// server keeps answering — and the families' `svc:invoice` documents are written after each chunk.
// At the end, one print batch PDF gathers the invoices of children not opted into paperless.
// A process dying mid-way leaves the run 'running': the resume job (at start and every minute)
// computes what is left and goes on. The unique index (contract_id, month) makes issuing twice
// impossible, and each chunk skips contracts already invoiced.
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { invoiceNumber } from '../../src/lib/domain/invoice';
import { todayInParis } from '../../src/lib/domain/validation';
import { audit } from '../audit/audit';
import type { Db } from '../db';
import { cachedStatement } from '../db/statement-cache';
import type { AppDeps } from '../http/env';
import { ApiError } from '../http/errors';
import { invoicePdf } from './invoice-pdf';
import { writeInvoiceDoc } from './invoice-doc';
import {
	addDays,
	advanceSeq,
	familyForInvoice,
	insertInvoice,
	lastSeq,
	type Family
} from './issue';
import { planMonth, type MonthPlan, type PlannedInvoice } from './month-plan';
import { billingParameter } from './scale';
import type { BillingSettings } from '../../src/lib/domain/tariff-admin';
import { billingSettings } from './billing-settings';

/** Invoices issued per transaction. */
export const RUN_CHUNK = 100;

/** Test seams: the chunk size, and a hook after each committed chunk (1-based; may throw: a crash). */
export const runHooks: { chunk: number; afterChunk: ((n: number) => void) | null } = {
	chunk: RUN_CHUNK,
	afterChunk: null
};

export interface RunRow {
	id: string;
	month: string;
	status: 'running' | 'done';
	planned: number;
	issued: number;
	total_cents: number;
	started_at: number;
	started_by: string | null;
	finished_at: number | null;
	print_count: number;
}

const RUN_COLUMNS =
	'id, month, status, planned, issued, total_cents, started_at, started_by, finished_at, print_count';

export const runView = (r: RunRow) => ({
	id: r.id,
	month: r.month,
	status: r.status,
	planned: r.planned,
	issued: r.issued,
	totalCents: r.total_cents,
	printCount: r.print_count,
	startedAt: new Date(r.started_at).toISOString(),
	finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString()
});

export function loadRun(db: Db, id: string): RunRow | undefined {
	return cachedStatement(db, `SELECT ${RUN_COLUMNS} FROM invoice_runs WHERE id = ?`).get(id) as
		RunRow | undefined;
}

export function listRuns(db: Db): RunRow[] {
	return db
		.prepare(
			`SELECT ${RUN_COLUMNS} FROM invoice_runs ORDER BY started_at DESC, rowid DESC LIMIT 50`
		)
		.all() as RunRow[];
}

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 400 unless `month` is a 'YYYY-MM' not after the current month (Europe/Paris). */
export function checkMonth(month: unknown, now: number): string {
	if (typeof month !== 'string' || !MONTH_RE.test(month))
		throw new ApiError(400, 'invalid', 'Indiquez le mois à facturer (AAAA-MM).', {
			month: 'Indiquez le mois à facturer (AAAA-MM).'
		});
	if (month > todayInParis(new Date(now)).slice(0, 7))
		throw new ApiError(400, 'invalid', 'Un mois à venir ne peut pas encore être facturé.', {
			month: 'Un mois à venir ne peut pas encore être facturé.'
		});
	return month;
}

/** Runs this process is issuing now (the resume job leaves them alone). */
const active = new Set<string>();

/** Starts the run of a month: 409 while another one is running. Issues in the background. */
export async function startRun(deps: AppDeps, month: string, byId: string | null): Promise<string> {
	const { db } = deps;
	checkMonth(month, deps.clock.now());
	const plan = await planMonth(db, month);
	const id = randomUUID();
	db.transaction(() => {
		const running = db.prepare("SELECT month FROM invoice_runs WHERE status = 'running'").get() as
			{ month: string } | undefined;
		if (running)
			throw new ApiError(
				409,
				'run_in_progress',
				`Une émission de factures est déjà en cours (${running.month}) : attendez qu’elle se termine.`
			);
		db.prepare(
			`INSERT INTO invoice_runs (id, month, status, planned, started_at, started_by)
			 VALUES (?, ?, 'running', ?, ?, ?)`
		).run(id, month, plan.items.length, deps.clock.now(), byId);
		audit(
			db,
			{
				actorId: byId,
				action: 'billing.run',
				detail: { runId: id, month, planned: plan.items.length }
			},
			deps.clock.now()
		);
	})();
	processRun(deps, id, plan).catch((err: unknown) =>
		console.error(`[billing] run ${id} (${month}) stopped`, err)
	);
	return id;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface RunContext {
	run: RunRow;
	issueDate: string;
	dueDate: string;
	year: number;
	settings: BillingSettings;
}

/** Issues the run's invoices (all that are left) then its print batch; resumable. */
export async function processRun(deps: AppDeps, runId: string, plan?: MonthPlan): Promise<void> {
	if (active.has(runId)) return;
	active.add(runId);
	try {
		const { db } = deps;
		const run = loadRun(db, runId);
		if (!run || run.status !== 'running') return;
		const items = (plan ?? (await planMonth(db, run.month))).items;
		const issueDate = todayInParis(new Date(run.started_at));
		const ctx: RunContext = {
			run,
			issueDate,
			dueDate: addDays(issueDate, billingParameter(db, 'payment_due_days', issueDate)),
			year: Number(issueDate.slice(0, 4)),
			settings: billingSettings(db)
		};
		const size = Math.max(1, runHooks.chunk);
		for (let i = 0, n = 1; i < items.length; i += size, n++) {
			if (!db.open) return; // the server is closing: the resume job goes on at next start
			const ids = await issueChunk(deps, ctx, items.slice(i, i + size));
			for (const [k, id] of ids.entries()) {
				deliver(deps, id);
				if (k % 5 === 4) await yieldToEventLoop();
			}
			runHooks.afterChunk?.(n);
			await yieldToEventLoop();
		}
		if (db.open) await finishRun(deps, runId);
	} finally {
		active.delete(runId);
	}
}

/** Writes an invoice's svc:invoice; a failure is logged and retried by the job (delivered_at NULL). */
function deliver(deps: AppDeps, invoiceId: string): void {
	try {
		writeInvoiceDoc(deps, invoiceId);
	} catch (err) {
		console.error(`[billing] invoice ${invoiceId} not delivered`, err);
	}
}

const alreadyInvoiced = (db: Db, contractId: string, month: string) =>
	cachedStatement(
		db,
		"SELECT 1 FROM invoices WHERE contract_id = ? AND month = ? AND kind = 'invoice'"
	).get(contractId, month) !== undefined;

const paperlessOf = (db: Db, householdId: string, childId: string) =>
	(
		cachedStatement(
			db,
			'SELECT paperless FROM paperless_choices WHERE household_id = ? AND child_id = ?'
		).get(householdId, childId) as { paperless: number } | undefined
	)?.paperless === 1;

async function issueChunk(
	deps: AppDeps,
	ctx: RunContext,
	chunk: PlannedInvoice[]
): Promise<string[]> {
	const { db } = deps;
	for (let attempt = 0; attempt < 5; attempt++) {
		const todo = chunk.filter((p) => !alreadyInvoiced(db, p.contract.id, ctx.run.month));
		if (todo.length === 0) return [];
		const base = lastSeq(db, ctx.year, 'invoice');
		const prepared: { p: PlannedInvoice; seq: number; family: Family; pdf: Uint8Array }[] = [];
		for (const [k, p] of todo.entries()) {
			const seq = base + k + 1;
			const family = familyForInvoice(db, p.contract.householdId);
			const print = {
				kind: 'invoice' as const,
				number: invoiceNumber('invoice', ctx.year, seq),
				issueDate: ctx.issueDate,
				dueDate: ctx.dueDate,
				month: ctx.run.month,
				familyName: family.name,
				familyAddress: family.address,
				childName: p.contract.childName,
				structureName: p.contract.structureName,
				lines: p.invoice.lines,
				amountCents: p.invoice.amountCents,
				computation: p.invoice.computation
			};
			prepared.push({ p, seq, family, pdf: await invoicePdf(print, ctx.settings) });
			// pdf-lib's awaits are microtasks: hand the event loop over after each PDF.
			await yieldToEventLoop();
		}
		const now = deps.clock.now();
		const ids = db.transaction(() => {
			// Another writer numbered (or invoiced a contract) meanwhile: make the PDFs again.
			if (prepared.some(({ p }) => alreadyInvoiced(db, p.contract.id, ctx.run.month))) return null;
			if (!advanceSeq(db, ctx.year, 'invoice', base, base + prepared.length)) return null;
			const out: string[] = [];
			let total = 0;
			for (const { p, seq, family, pdf } of prepared) {
				out.push(
					insertInvoice(db, {
						kind: 'invoice',
						year: ctx.year,
						seq,
						runId: ctx.run.id,
						creditsInvoiceId: null,
						contractId: p.contract.id,
						householdId: p.contract.householdId,
						childId: p.contract.childId,
						childName: p.contract.childName,
						structureId: p.contract.structureId,
						month: ctx.run.month,
						issuedAt: now,
						issueDate: ctx.issueDate,
						dueDate: ctx.dueDate,
						amountCents: p.invoice.amountCents,
						lines: p.invoice.lines,
						computation: p.invoice.computation,
						family,
						paperless: paperlessOf(db, p.contract.householdId, p.contract.childId),
						reason: null,
						createdBy: ctx.run.started_by,
						pdf
					})
				);
				total += p.invoice.amountCents;
			}
			cachedStatement(
				db,
				'UPDATE invoice_runs SET issued = issued + ?, total_cents = total_cents + ? WHERE id = ?'
			).run(out.length, total, ctx.run.id);
			return out;
		})();
		if (ids) return ids;
	}
	throw new Error(`run ${ctx.run.id}: the invoice sequence kept moving`);
}

/** One PDF of the run's invoices to print (children not opted into paperless), in number order. */
export async function printBatch(
	db: Db,
	runId: string
): Promise<{ pdf: Uint8Array; count: number }> {
	const rows = db
		.prepare(
			`SELECT p.pdf FROM invoices i JOIN invoice_pdfs p ON p.invoice_id = i.id
			 WHERE i.run_id = ? AND i.paperless = 0 ORDER BY i.year, i.seq`
		)
		.all(runId) as { pdf: Buffer }[];
	const out = await PDFDocument.create();
	out.setTitle('Factures à imprimer');
	out.setLanguage('fr-FR');
	for (const [k, r] of rows.entries()) {
		const src = await PDFDocument.load(r.pdf);
		for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
		if (k % 2 === 1) await yieldToEventLoop();
	}
	return { pdf: await out.save({ useObjectStreams: false }), count: rows.length };
}

async function finishRun(deps: AppDeps, runId: string): Promise<void> {
	const { db } = deps;
	const { pdf, count } = await printBatch(db, runId);
	db.prepare(
		`UPDATE invoice_runs SET status = 'done', finished_at = ?, print_batch = ?, print_count = ?
		 WHERE id = ? AND status = 'running'`
	).run(deps.clock.now(), Buffer.from(pdf), count, runId);
}

/** Resumes every run left 'running' by a process that died, and delivers undelivered invoices. */
export async function resumeRuns(deps: AppDeps): Promise<number> {
	const running = deps.db
		.prepare("SELECT id FROM invoice_runs WHERE status = 'running' ORDER BY started_at")
		.all() as { id: string }[];
	let resumed = 0;
	for (const { id } of running) {
		if (active.has(id)) continue;
		await processRun(deps, id);
		resumed++;
	}
	const undelivered = deps.db
		.prepare('SELECT id FROM invoices WHERE delivered_at IS NULL ORDER BY issued_at LIMIT 500')
		.all() as { id: string }[];
	for (const { id } of undelivered) deliver(deps, id);
	return resumed;
}

export interface BillingRunJob {
	stop(): void;
}

/** At start and every minute: resume what a dead process left (follows commission/apply.ts). */
export function startBillingResume(deps: AppDeps, everyMs = 60_000): BillingRunJob {
	let busy = false;
	const tick = () => {
		if (busy) return;
		busy = true;
		resumeRuns(deps)
			.catch((err: unknown) => console.error('[billing] resume failed', err))
			.finally(() => {
				busy = false;
			});
	};
	tick();
	const timer = setInterval(tick, everyMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
