// The desk's writes on contracts: a contract entered for a child already in a crèche, its first
// terms, amendments (new dated rows, never an update) and its end. Each in one transaction with its
// audit row; ApiError (French) when it cannot, nothing written then.
import { randomUUID } from 'node:crypto';
import { ageGroupAt } from '../../src/lib/domain/commission-score';
import {
	eurosToCents,
	quarterHoursToMinutes,
	type TermsInputValue
} from '../../src/lib/domain/contract-terms';
import { frenchLongDay } from '../../src/lib/domain/french-date';
import { audit } from '../audit/audit';
import type { Db } from '../db';
import { ApiError } from '../http/errors';
import { monthBounds } from './contract-terms';
import { householdChildren } from './household-children';

export const CONTRACT_NOT_FOUND = 'Ce contrat n’existe pas.';

const monthName = (month: string) => {
	const s = new Intl.DateTimeFormat('fr-FR', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${month}-15T12:00:00Z`));
	return s;
};

interface ContractBase {
	id: string;
	household_id: string;
	child_id: string;
	child_birth_date: string | null;
	start_date: string;
	end_date: string | null;
	status: string;
}

function contractBase(db: Db, id: string): ContractBase {
	const c = db
		.prepare(
			'SELECT id, household_id, child_id, child_birth_date, start_date, end_date, status FROM contracts WHERE id = ?'
		)
		.get(id) as ContractBase | undefined;
	if (!c) throw new ApiError(404, 'not_found', CONTRACT_NOT_FOUND);
	return c;
}

/** The first month from `month` on already invoiced for the contract, or null. */
export function invoicedFrom(db: Db, contractId: string, month: string): string | null {
	return (
		(db
			.prepare(
				`SELECT month FROM invoices WHERE contract_id = ? AND kind = 'invoice' AND month >= ?
				 ORDER BY month LIMIT 1`
			)
			.pluck()
			.get(contractId, month) as string | undefined) ?? null
	);
}

export const alreadyInvoiced = (month: string) =>
	`Le mois de ${monthName(month)} est déjà facturé pour ce contrat : corrigez par un avoir ou choisissez un mois suivant.`;

function insertTerms(
	db: Db,
	contractId: string,
	effectiveFrom: string,
	t: TermsInputValue,
	reason: string | null,
	by: string | null,
	now: number
): number {
	return Number(
		db
			.prepare(
				`INSERT INTO contract_terms (contract_id, effective_from, minutes_per_week, days_per_week,
				weeks_per_year, months_billed, monthly_resources_cents, resources_source, resources_date,
				dependent_children, aeeh_children, reason, created_at, created_by)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				contractId,
				effectiveFrom,
				quarterHoursToMinutes(t.hoursPerWeek),
				t.daysPerWeek,
				t.weeksPerYear,
				t.monthsBilled,
				t.monthlyResources === null ? null : eurosToCents(t.monthlyResources),
				t.monthlyResources === null ? 'none' : t.resourcesSource,
				t.monthlyResources === null ? null : (t.resourcesDate ?? null),
				t.dependentChildren,
				t.aeehChildren,
				reason,
				now,
				by
			).lastInsertRowid
	);
}

const endBeforeStart = () =>
	new ApiError(400, 'validation', 'La date de fin ne peut pas précéder le début du contrat.', {
		endDate: 'La date de fin ne peut pas précéder le début du contrat.'
	});

export interface NewContract {
	householdId: string;
	childId: string;
	structureId: string;
	startDate: string;
	endDate?: string;
	terms: TermsInputValue;
}

/** A contract an agent enters for a child already in a crèche, with its first terms. */
export function createDeskContract(
	db: Db,
	input: NewContract,
	by: string | null,
	now: number
): string {
	return db.transaction(() => {
		const household = db.prepare('SELECT 1 FROM households WHERE id = ?').get(input.householdId);
		if (!household)
			throw new ApiError(404, 'not_found', 'Cette famille n’existe pas.', {
				householdId: 'Cette famille n’existe pas.'
			});
		const child = householdChildren(db, input.householdId).find((c) => c.id === input.childId);
		if (!child)
			throw new ApiError(400, 'validation', 'Cet enfant n’est pas déclaré dans cette famille.', {
				childId: 'Cet enfant n’est pas déclaré dans cette famille.'
			});
		const structure = db.prepare('SELECT 1 FROM structures WHERE id = ?').get(input.structureId);
		if (!structure)
			throw new ApiError(400, 'validation', 'Cette structure n’existe pas.', {
				structureId: 'Cette structure n’existe pas.'
			});
		if (input.endDate && input.endDate < input.startDate) throw endBeforeStart();
		const open = db
			.prepare(
				`SELECT 1 FROM contracts WHERE household_id = ? AND child_id = ? AND status = 'Admis'
				 AND (end_date IS NULL OR end_date >= ?)`
			)
			.get(input.householdId, input.childId, input.startDate);
		if (open)
			throw new ApiError(
				409,
				'contract_exists',
				`${child.name} a déjà un contrat en cours : ajoutez-y un avenant plutôt qu’un nouveau contrat.`
			);
		const id = randomUUID();
		db.prepare(
			`INSERT INTO contracts (id, household_id, origin, child_id, child_name, child_birth_date,
				structure_id, age_group, start_date, end_date, status, created_at, created_by)
			 VALUES (?, ?, 'desk', ?, ?, ?, ?, ?, ?, ?, 'Admis', ?, ?)`
		).run(
			id,
			input.householdId,
			child.id,
			child.name,
			child.birthDate,
			input.structureId,
			child.birthDate ? ageGroupAt(child.birthDate, input.startDate) : 'older',
			input.startDate,
			input.endDate ?? null,
			now,
			by
		);
		insertTerms(db, id, input.startDate, input.terms, null, by, now);
		audit(
			db,
			{
				actorId: by,
				action: 'billing.contract.create',
				householdId: input.householdId,
				detail: { contractId: id, childName: child.name, structureId: input.structureId }
			},
			now
		);
		return id;
	})();
}

/**
 * The first terms of a contract (from its start date), or an amendment: from the 1st of a month
 * after the latest terms, in a month not invoiced yet, with a reason.
 */
export function addTerms(
	db: Db,
	contractId: string,
	t: TermsInputValue,
	by: string | null,
	now: number
): { id: number; amendment: boolean } {
	return db.transaction(() => {
		const c = contractBase(db, contractId);
		const latest = db
			.prepare(
				'SELECT effective_from FROM contract_terms WHERE contract_id = ? ORDER BY effective_from DESC LIMIT 1'
			)
			.pluck()
			.get(contractId) as string | undefined;
		const endDate = t.endDate ?? c.end_date;
		if (endDate && endDate < c.start_date) throw endBeforeStart();
		let effectiveFrom: string;
		if (!latest) {
			if (t.effectiveFrom && t.effectiveFrom !== c.start_date)
				throw new ApiError(
					400,
					'validation',
					`Les premières conditions s’appliquent dès le début du contrat, le ${frenchLongDay(c.start_date)}.`,
					{ effectiveFrom: 'Les premières conditions s’appliquent dès le début du contrat.' }
				);
			effectiveFrom = c.start_date;
		} else {
			const fields = (message: string) =>
				new ApiError(400, 'validation', message, { effectiveFrom: message });
			if (!t.effectiveFrom) throw fields('Indiquez la date d’effet de l’avenant.');
			effectiveFrom = t.effectiveFrom;
			if (!effectiveFrom.endsWith('-01')) throw fields('Un avenant prend effet le 1er d’un mois.');
			if (effectiveFrom <= latest)
				throw fields(
					`Un avenant prend effet après les conditions précédentes (en vigueur depuis le ${frenchLongDay(latest)}).`
				);
			if (endDate && effectiveFrom > endDate)
				throw fields(
					`Le contrat se termine le ${frenchLongDay(endDate)} : l’avenant serait sans effet.`
				);
			if (!t.reason)
				throw new ApiError(400, 'validation', 'Indiquez le motif de l’avenant.', {
					reason: 'Indiquez le motif de l’avenant.'
				});
			const invoiced = invoicedFrom(db, contractId, effectiveFrom.slice(0, 7));
			if (invoiced) throw new ApiError(409, 'month_invoiced', alreadyInvoiced(invoiced));
		}
		if (t.endDate && t.endDate !== c.end_date) checkEndAgainstInvoices(db, contractId, t.endDate);
		const id = insertTerms(
			db,
			contractId,
			effectiveFrom,
			t,
			latest ? (t.reason ?? null) : null,
			by,
			now
		);
		if (t.endDate && t.endDate !== c.end_date)
			db.prepare('UPDATE contracts SET end_date = ? WHERE id = ?').run(t.endDate, contractId);
		// A commission contract learns the child's birth date (the tax certificate needs it).
		if (!c.child_birth_date) {
			const child = householdChildren(db, c.household_id).find((x) => x.id === c.child_id);
			if (child?.birthDate)
				db.prepare('UPDATE contracts SET child_birth_date = ? WHERE id = ?').run(
					child.birthDate,
					contractId
				);
		}
		audit(
			db,
			{
				actorId: by,
				action: latest ? 'billing.contract.amendment' : 'billing.contract.terms',
				householdId: c.household_id,
				detail: { contractId, effectiveFrom, reason: t.reason ?? null }
			},
			now
		);
		return { id, amendment: !!latest };
	})();
}

/** An end date must not cut a month already invoiced in full. */
function checkEndAgainstInvoices(db: Db, contractId: string, endDate: string) {
	const month = endDate.slice(0, 7);
	const fromMonth = monthBounds(month).last === endDate ? nextMonth(month) : month;
	const invoiced = invoicedFrom(db, contractId, fromMonth);
	if (invoiced) throw new ApiError(409, 'month_invoiced', alreadyInvoiced(invoiced));
}

function nextMonth(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Ends a contract on `endDate` (status « Terminé »). */
export function endContract(
	db: Db,
	contractId: string,
	input: { endDate: string; reason: string },
	by: string | null,
	now: number
): void {
	db.transaction(() => {
		const c = contractBase(db, contractId);
		if (c.status === 'Terminé')
			throw new ApiError(409, 'contract_ended', 'Ce contrat est déjà terminé.');
		if (input.endDate < c.start_date) throw endBeforeStart();
		checkEndAgainstInvoices(db, contractId, input.endDate);
		db.prepare("UPDATE contracts SET end_date = ?, status = 'Terminé' WHERE id = ?").run(
			input.endDate,
			contractId
		);
		audit(
			db,
			{
				actorId: by,
				action: 'billing.contract.end',
				householdId: c.household_id,
				detail: { contractId, endDate: input.endDate, reason: input.reason }
			},
			now
		);
	})();
}
