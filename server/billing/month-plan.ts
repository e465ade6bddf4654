// What a month's run will issue: every billable contract without its invoice for the month,
// computed (src/lib/domain/invoice-month.ts), with the anomalies the desk must see before issuing —
// resources missing (billed at the plafond, PSU rule), a contract ending in the month, terms not
// entered or no scale in force (those two are not billable). Shared by the preview and the run.
import {
	computeMonthInvoice,
	monthBounds,
	type MonthInvoice
} from '../../src/lib/domain/invoice-month';
import { scaleOn } from '../../src/lib/domain/tariff';
import { formatEuros } from '../../src/lib/domain/invoice';
import type { Db } from '../db';
import { loadBillable, type BillableContract } from './billable';
import { billingParameter, loadScale } from './scale';

export type AnomalyKind = 'missing_resources' | 'contract_ending' | 'terms_missing' | 'no_scale';

export interface Anomaly {
	contractId: string;
	childName: string;
	familyName: string;
	structureName: string;
	kind: AnomalyKind;
	message: string;
}

export interface PlannedInvoice {
	contract: BillableContract;
	invoice: MonthInvoice;
}

export interface MonthPlan {
	month: string;
	items: PlannedInvoice[];
	anomalies: Anomaly[];
	/** Contracts of the month already invoiced. */
	alreadyIssued: number;
}

const familyNames = (db: Db) => {
	const stmt = db.prepare(
		`SELECT last_name FROM users WHERE household_id = ? AND role = 'parent'
		 ORDER BY created_at, id LIMIT 1`
	);
	const cache = new Map<string, string>();
	return (householdId: string) => {
		let name = cache.get(householdId);
		if (name === undefined) {
			name = (stmt.get(householdId) as { last_name: string } | undefined)?.last_name ?? '';
			cache.set(householdId, name);
		}
		return name;
	};
};

/** Contracts computed between two hand-overs of the event loop (a month of 5 000 takes ~0.5 s). */
const PLAN_SLICE = 250;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function planMonth(db: Db, month: string): Promise<MonthPlan> {
	const contracts = loadBillable(db, month);
	const scale = loadScale(db);
	const { first, last } = monthBounds(month);
	const waiting = billingParameter(db, 'illness_waiting_days', first);
	const familyOf = familyNames(db);
	const items: PlannedInvoice[] = [];
	const anomalies: Anomaly[] = [];
	let alreadyIssued = 0;
	for (const [k, c] of contracts.entries()) {
		if (k % PLAN_SLICE === PLAN_SLICE - 1) await yieldToEventLoop();
		if (c.invoiced) {
			alreadyIssued++;
			continue;
		}
		const flag = (kind: AnomalyKind, message: string) =>
			anomalies.push({
				contractId: c.id,
				childName: c.childName,
				familyName: familyOf(c.householdId),
				structureName: c.structureName,
				kind,
				message
			});
		if (!c.terms) {
			flag(
				'terms_missing',
				'Les conditions du contrat (heures, ressources) ne sont pas saisies : pas de facture ce mois-ci.'
			);
			continue;
		}
		const onDate = scaleOn(scale, c.termsDate);
		if (!onDate) {
			flag('no_scale', `Aucun barème n’est en vigueur au ${c.termsDate} : pas de facture.`);
			continue;
		}
		const invoice = computeMonthInvoice({
			month,
			contract: { startDate: c.startDate, endDate: c.endDate },
			terms: c.terms,
			scale: onDate,
			entries: c.entries,
			illnessWaitingDays: waiting
		});
		if (c.terms.monthlyResourcesCents === null)
			flag(
				'missing_resources',
				`Ressources non communiquées : facturé au plafond (${formatEuros(onDate.ceilingCents)}).`
			);
		if (c.endDate && c.endDate <= last)
			flag(
				'contract_ending',
				`Le contrat se termine le ${c.endDate.split('-').reverse().join('/')}.`
			);
		items.push({ contract: c, invoice });
	}
	return { month, items, anomalies, alreadyIssued };
}

/** The preview's totals per structure. */
export function planTotals(plan: MonthPlan) {
	const byStructure = new Map<
		string,
		{ structureId: string; structureName: string; count: number; amountCents: number }
	>();
	for (const { contract, invoice } of plan.items) {
		const t = byStructure.get(contract.structureId) ?? {
			structureId: contract.structureId,
			structureName: contract.structureName,
			count: 0,
			amountCents: 0
		};
		t.count++;
		t.amountCents += invoice.amountCents;
		byStructure.set(contract.structureId, t);
	}
	const totals = [...byStructure.values()];
	return {
		totals,
		count: plan.items.length,
		totalCents: totals.reduce((s, t) => s + t.amountCents, 0)
	};
}
