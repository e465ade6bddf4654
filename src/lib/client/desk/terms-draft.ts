// The terms form of the desk as typed (strings, French decimal commas) and what it sends. Empty
// resources mean « non communiquées » (the plafond applies); the server validates the rest.
import type { ResourcesSourceValue } from '$domain/contract-terms';
import type { BillingTerms, TermsBody } from './contracts-api';

export interface TermsDraft {
	effectiveFrom: string;
	hoursPerWeek: string;
	daysPerWeek: string;
	weeksPerYear: string;
	monthsBilled: string;
	monthlyResources: string;
	resourcesSource: ResourcesSourceValue;
	resourcesDate: string;
	dependentChildren: string;
	aeehChildren: string;
	endDate: string;
	reason: string;
}

/** « 37,5 » or « 37.5 » → 37.5; blank → null; anything else → NaN (the server says why). */
export function decimal(text: string): number | null {
	const t = text.trim().replace(/\s/g, '').replace(',', '.');
	if (t === '') return null;
	return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

const frenchNumber = (n: number) => String(n).replace('.', ',');

/** A new draft: from the terms in force (an amendment starts from them) or the usual defaults. */
export function termsDraft(
	from: BillingTerms | null,
	defaults: { weeksPerYear?: number } = {}
): TermsDraft {
	return {
		effectiveFrom: '',
		hoursPerWeek: from ? frenchNumber(from.hoursPerWeek) : '',
		daysPerWeek: from ? String(from.daysPerWeek) : '5',
		weeksPerYear: from ? String(from.weeksPerYear) : String(defaults.weeksPerYear ?? 47),
		monthsBilled: from ? String(from.monthsBilled) : '12',
		monthlyResources:
			from && from.monthlyResourcesCents !== null
				? frenchNumber(from.monthlyResourcesCents / 100)
				: '',
		resourcesSource: from?.resourcesSource ?? 'caf',
		resourcesDate: from?.resourcesDate ?? '',
		dependentChildren: from ? String(from.dependentChildren) : '1',
		aeehChildren: from ? String(from.aeehChildren) : '0',
		endDate: '',
		reason: ''
	};
}

export function termsBody(d: TermsDraft): TermsBody {
	const resources = decimal(d.monthlyResources);
	const num = (s: string) => decimal(s) ?? Number.NaN;
	return {
		...(d.effectiveFrom ? { effectiveFrom: d.effectiveFrom } : {}),
		hoursPerWeek: num(d.hoursPerWeek),
		daysPerWeek: num(d.daysPerWeek),
		weeksPerYear: num(d.weeksPerYear),
		monthsBilled: num(d.monthsBilled),
		monthlyResources: resources,
		resourcesSource:
			resources === null ? 'none' : d.resourcesSource === 'none' ? 'caf' : d.resourcesSource,
		...(resources !== null && d.resourcesDate ? { resourcesDate: d.resourcesDate } : {}),
		dependentChildren: num(d.dependentChildren),
		aeehChildren: num(d.aeehChildren || '0'),
		...(d.endDate ? { endDate: d.endDate } : {}),
		...(d.reason.trim() ? { reason: d.reason.trim() } : {})
	};
}
