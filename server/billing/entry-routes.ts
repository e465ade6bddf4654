// The month's entries of the desk (mounted under /api/agent): extra hours and deductions (closure,
// hospitalisation, illness) per contract, added or withdrawn until the month is invoiced.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import { EntryInput, quarterHoursToMinutes } from '../../src/lib/domain/contract-terms';
import { audit } from '../audit/audit';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { loadBillableContracts, monthBounds } from './contract-terms';
import { contractRow, entryView } from './contract-views';
import { CONTRACT_NOT_FOUND, alreadyInvoiced, invoicedFrom } from './contract-writes';
import { billingParameter } from './scale';

const ENTRY_NOT_FOUND = 'Cette saisie n’existe pas ou a déjà été retirée.';
const Month = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/));

export const billingEntryRoutes = new Hono<AppEnv>()
	.get('/billing/entries', (c) => {
		const { db } = c.var.deps;
		const month = c.req.query('month') ?? '';
		if (!v.is(Month, month))
			throw new ApiError(400, 'validation', 'Choisissez un mois (AAAA-MM).', {
				month: 'Choisissez un mois (AAAA-MM).'
			});
		const structure = c.req.query('structure') || undefined;
		const invoiced = new Set(
			db
				.prepare("SELECT contract_id FROM invoices WHERE month = ? AND kind = 'invoice'")
				.pluck()
				.all(month) as string[]
		);
		const contracts = loadBillableContracts(db, month)
			.filter((b) => !structure || b.contract.structureId === structure)
			.map((b) => {
				const row = contractRow(db, b.contract.id);
				return {
					id: b.contract.id,
					childName: b.contract.childName,
					family: {
						lastName: row?.family_last_name ?? '',
						firstNames: row?.family_first_names ?? ''
					},
					structureId: b.contract.structureId,
					structureName: b.contract.structureName,
					startDate: b.contract.startDate,
					endDate: b.contract.endDate,
					hasTerms: b.terms !== null,
					invoiced: invoiced.has(b.contract.id),
					entries: b.entries.map((e) => entryView(db, e))
				};
			});
		return c.json(
			{
				month,
				illnessWaitingDays: billingParameter(db, 'illness_waiting_days', monthBounds(month).first),
				contracts
			},
			200
		);
	})
	.post('/billing/entries', async (c) => {
		const input = await parseJson(c, EntryInput);
		const { db, clock } = c.var.deps;
		const by = c.var.user!.id;
		const now = clock.now();
		const entry = db.transaction(() => {
			const contract = contractRow(db, input.contractId);
			if (!contract) throw new ApiError(404, 'not_found', CONTRACT_NOT_FOUND);
			const { first, last } = monthBounds(input.month);
			if (contract.start_date > last || (contract.end_date && contract.end_date < first))
				throw new ApiError(
					400,
					'validation',
					'Le contrat ne couvre pas ce mois : la saisie ne peut pas lui être rattachée.',
					{ month: 'Le contrat ne couvre pas ce mois.' }
				);
			if (invoicedFrom(db, contract.id, input.month) === input.month)
				throw new ApiError(409, 'month_invoiced', alreadyInvoiced(input.month));
			const id = randomUUID();
			const minutes = input.kind === 'extra_hours' ? quarterHoursToMinutes(input.hours!) : null;
			const days = input.kind === 'extra_hours' ? null : input.days!;
			db.prepare(
				`INSERT INTO billing_entries (id, contract_id, month, kind, minutes, days, note, created_at, created_by)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			).run(id, contract.id, input.month, input.kind, minutes, days, input.note ?? null, now, by);
			audit(
				db,
				{
					actorId: by,
					action: 'billing.entry.create',
					householdId: contract.household_id,
					detail: {
						entryId: id,
						contractId: contract.id,
						month: input.month,
						kind: input.kind,
						minutes,
						days
					}
				},
				now
			);
			return entryView(db, {
				id,
				contractId: contract.id,
				month: input.month,
				kind: input.kind,
				minutes,
				days,
				note: input.note ?? null,
				createdAt: now,
				createdBy: by
			});
		})();
		return c.json({ entry }, 201);
	})
	.delete('/billing/entries/:id', (c) => {
		const { db, clock } = c.var.deps;
		const by = c.var.user!.id;
		const now = clock.now();
		db.transaction(() => {
			const e = db
				.prepare(
					`SELECT e.id, e.contract_id, e.month, e.kind, c.household_id FROM billing_entries e
					 JOIN contracts c ON c.id = e.contract_id WHERE e.id = ? AND e.deleted_at IS NULL`
				)
				.get(c.req.param('id')) as
				| { id: string; contract_id: string; month: string; kind: string; household_id: string }
				| undefined;
			if (!e) throw new ApiError(404, 'not_found', ENTRY_NOT_FOUND);
			if (invoicedFrom(db, e.contract_id, e.month) === e.month)
				throw new ApiError(409, 'month_invoiced', alreadyInvoiced(e.month));
			db.prepare('UPDATE billing_entries SET deleted_at = ? WHERE id = ?').run(now, e.id);
			audit(
				db,
				{
					actorId: by,
					action: 'billing.entry.delete',
					householdId: e.household_id,
					detail: { entryId: e.id, contractId: e.contract_id, month: e.month, kind: e.kind }
				},
				now
			);
		})();
		return c.body(null, 204);
	});
