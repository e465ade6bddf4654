// Issued invoices and credit notes over HTTP (staff, mounted under /api/agent): the list with its
// filters, one invoice with its lines, computation, payments and credit notes, its PDF, and
// issuing a credit note on it. Views and credit notes are audited.
import { Hono } from 'hono';
import * as v from 'valibot';
import {
	INVOICE_STATUSES,
	amountDueCents,
	invoiceStatus,
	type InvoiceBalance,
	type InvoiceStatus
} from '../../src/lib/domain/invoice';
import { todayInParis } from '../../src/lib/domain/validation';
import { audit } from '../audit/audit';
import type { Db } from '../db';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { issueCreditNote } from './credit-note';
import { invoiceBalance, loadInvoice, type InvoiceRow } from './invoice-rows';
import { MONTH_RE } from './run';

const NOT_FOUND = 'Cette facture n’existe pas.';
const PAGE_SIZE = 50;

/** The list's light columns (not the lines nor the computation) with the invoice's balance. */
type ListRow = Pick<
	InvoiceRow,
	| 'id'
	| 'number'
	| 'kind'
	| 'month'
	| 'child_name'
	| 'family_name'
	| 'structure_name'
	| 'amount_cents'
	| 'issue_date'
	| 'due_date'
> & { credited: number; paid: number };

const balanceOf = (r: ListRow): InvoiceBalance => ({
	kind: r.kind,
	amountCents: r.amount_cents,
	creditedCents: r.credited,
	paidCents: r.paid,
	dueDate: r.due_date
});

function listInvoices(db: Db, q: Record<string, string | undefined>, today: string) {
	const where: string[] = [];
	const args: unknown[] = [];
	if (q.month) {
		if (!MONTH_RE.test(q.month))
			throw new ApiError(400, 'invalid', 'Le mois doit être au format AAAA-MM.', {
				month: 'Le mois doit être au format AAAA-MM.'
			});
		where.push('i.month = ?');
		args.push(q.month);
	}
	if (q.structure) {
		where.push('i.structure_id = ?');
		args.push(q.structure);
	}
	if (q.q?.trim()) {
		const like = `%${q.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
		where.push(
			"(i.number LIKE ? ESCAPE '\\' OR i.child_name LIKE ? ESCAPE '\\' OR i.family_name LIKE ? ESCAPE '\\')"
		);
		args.push(like, like, like);
	}
	const status = q.status as InvoiceStatus | undefined;
	if (status && !INVOICE_STATUSES.includes(status))
		throw new ApiError(400, 'invalid', 'Statut de facture inconnu.', { status: 'Statut inconnu.' });
	const page = Math.max(1, Math.floor(Number(q.page ?? '1')) || 1);
	const rows = db
		.prepare(
			`SELECT i.id, i.number, i.kind, i.month, i.child_name, i.family_name, s.name AS structure_name,
				i.amount_cents, i.issue_date, i.due_date,
				(SELECT coalesce(sum(a.amount_cents), 0) FROM invoices a
					WHERE a.credits_invoice_id = i.id) AS credited,
				(SELECT coalesce(sum(p.amount_cents), 0) FROM payments p
					WHERE p.invoice_id = i.id AND p.status = 'paid') AS paid
			 FROM invoices i JOIN structures s ON s.id = i.structure_id
			 ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
			 ORDER BY i.issued_at DESC, i.kind DESC, i.seq DESC`
		)
		.all(...args) as ListRow[];
	const items = rows
		.map((r) => {
			const b = balanceOf(r);
			return {
				id: r.id,
				number: r.number,
				kind: r.kind,
				month: r.month,
				childName: r.child_name,
				familyName: r.family_name,
				structureName: r.structure_name,
				amountCents: r.amount_cents,
				dueCents: r.kind === 'invoice' ? amountDueCents(b) : 0,
				status: invoiceStatus(b, today),
				issueDate: r.issue_date,
				dueDate: r.due_date
			};
		})
		.filter((i) => !status || i.status === status);
	return { items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: items.length };
}

function invoiceDetail(db: Db, inv: InvoiceRow, today: string) {
	const b = invoiceBalance(db, inv.id);
	const credits = inv.credits_invoice_id ? loadInvoice(db, inv.credits_invoice_id) : undefined;
	return {
		id: inv.id,
		number: inv.number,
		kind: inv.kind,
		month: inv.month,
		childName: inv.child_name,
		familyName: inv.family_name,
		familyAddress: JSON.parse(inv.family_address) as string[],
		payerEmail: inv.payer_email,
		householdId: inv.household_id,
		contractId: inv.contract_id,
		structureId: inv.structure_id,
		structureName: inv.structure_name,
		issueDate: inv.issue_date,
		dueDate: inv.due_date,
		amountCents: inv.amount_cents,
		creditedCents: b.creditedCents,
		paidCents: b.paidCents,
		dueCents: inv.kind === 'invoice' ? amountDueCents(b) : 0,
		status: invoiceStatus(b, today),
		paperless: inv.paperless === 1,
		delivered: inv.delivered_at !== null,
		reason: inv.reason,
		credits: credits ? { id: credits.id, number: credits.number } : null,
		lines: JSON.parse(inv.lines) as unknown[],
		computation: JSON.parse(inv.computation) as unknown,
		payments: (
			db
				.prepare(
					`SELECT id, amount_cents, status, means, numauto, paid_at, created_at FROM payments
					 WHERE invoice_id = ? ORDER BY created_at`
				)
				.all(inv.id) as {
				id: string;
				amount_cents: number;
				status: string;
				means: string | null;
				numauto: string | null;
				paid_at: string | null;
				created_at: number;
			}[]
		).map((p) => ({
			id: p.id,
			amountCents: p.amount_cents,
			status: p.status,
			means: p.means,
			numauto: p.numauto,
			paidAt: p.paid_at,
			createdAt: new Date(p.created_at).toISOString()
		})),
		creditNotes: (
			db
				.prepare(
					`SELECT id, number, amount_cents, reason, issue_date FROM invoices
					 WHERE credits_invoice_id = ? ORDER BY seq`
				)
				.all(inv.id) as {
				id: string;
				number: string;
				amount_cents: number;
				reason: string | null;
				issue_date: string;
			}[]
		).map((a) => ({
			id: a.id,
			number: a.number,
			amountCents: a.amount_cents,
			reason: a.reason,
			issueDate: a.issue_date
		}))
	};
}

const CreditNoteBody = v.object({
	amount: v.pipe(
		v.number('Indiquez le montant de l’avoir en euros.'),
		v.check((n) => Number.isFinite(n) && n > 0, 'Le montant de l’avoir doit être positif.'),
		v.check(
			(n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6,
			'Le montant de l’avoir a au plus deux décimales.'
		)
	),
	reason: v.pipe(
		v.string('Indiquez le motif de l’avoir.'),
		v.trim(),
		v.nonEmpty('Indiquez le motif de l’avoir.'),
		v.maxLength(500, 'Le motif ne peut pas dépasser 500 caractères.')
	)
});

function found(db: Db, id: string): InvoiceRow {
	const inv = loadInvoice(db, id);
	if (!inv) throw new ApiError(404, 'not_found', NOT_FOUND);
	return inv;
}

export const billingInvoiceRoutes = new Hono<AppEnv>()
	.get('/billing/invoices', (c) => {
		const { db, clock } = c.var.deps;
		return c.json(listInvoices(db, c.req.query(), todayInParis(new Date(clock.now()))), 200);
	})
	.get('/billing/invoices/:id', (c) => {
		const { db, clock } = c.var.deps;
		const inv = found(db, c.req.param('id'));
		audit(
			db,
			{
				actorId: c.var.user!.id,
				action: 'billing.invoice.view',
				householdId: inv.household_id,
				detail: { number: inv.number }
			},
			clock.now()
		);
		return c.json(invoiceDetail(db, inv, todayInParis(new Date(clock.now()))), 200);
	})
	.get('/billing/invoices/:id/pdf', (c) => {
		const { db, clock } = c.var.deps;
		const inv = found(db, c.req.param('id'));
		const row = db.prepare('SELECT pdf FROM invoice_pdfs WHERE invoice_id = ?').get(inv.id) as {
			pdf: Buffer;
		};
		audit(
			db,
			{
				actorId: c.var.user!.id,
				action: 'billing.invoice.view',
				householdId: inv.household_id,
				detail: { number: inv.number, pdf: true }
			},
			clock.now()
		);
		return c.body(new Uint8Array(row.pdf), 200, {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `inline; filename="${inv.number}.pdf"`
		});
	})
	.post('/billing/invoices/:id/credit-notes', async (c) => {
		const { db } = c.var.deps;
		const inv = found(db, c.req.param('id'));
		const body = await parseJson(c, CreditNoteBody);
		const note = await issueCreditNote(
			c.var.deps,
			inv.id,
			{ amountCents: Math.round(body.amount * 100), reason: body.reason },
			c.var.user!.id
		);
		return c.json(note, 201);
	});
