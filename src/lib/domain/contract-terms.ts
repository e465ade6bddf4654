// A contract's terms as the desk types them (issue 11 item 2) and the month's entries (extra hours,
// deductions): input schemas with French messages, labels, and the anomalies the contracts list
// shows. Pure TypeScript (browser and server). Money in cents, euros only in the inputs.
import * as v from 'valibot';
import { frenchLongDay } from './french-date';
import { isoDate, optionalIsoDate, optionalText } from './validation';

export const RESOURCES_SOURCES = ['caf', 'tax_notice', 'none'] as const;
export type ResourcesSourceValue = (typeof RESOURCES_SOURCES)[number];
export const RESOURCES_SOURCE_LABELS: Record<ResourcesSourceValue, string> = {
	caf: 'Montant CAF (CDAP)',
	tax_notice: 'Avis d’imposition',
	none: 'Non communiquées'
};

export const ENTRY_KINDS = ['extra_hours', 'closure', 'hospitalisation', 'illness'] as const;
export type EntryKindValue = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Record<EntryKindValue, string> = {
	extra_hours: 'Heures complémentaires',
	closure: 'Fermeture de la structure',
	hospitalisation: 'Hospitalisation de l’enfant',
	illness: 'Maladie avec certificat médical'
};

export const ANOMALY = {
	termsMissing: 'Conditions du contrat à saisir',
	resourcesMissing: 'Ressources non renseignées : le plafond s’applique',
	resourcesOld: 'Ressources CAF datées de plus d’un an',
	ending: (day: string) => `Contrat se terminant le ${frenchLongDay(day)}`
} as const;

const MAX_MINUTES_PER_WEEK = 55 * 60;

/** Decimal hours (e.g. 37.5) to whole minutes when in quarter hours, else null. */
export function quarterHoursToMinutes(hours: number): number | null {
	const quarters = hours * 4;
	return Number.isInteger(quarters) ? quarters * 15 : null;
}

/** Euros typed by an agent (at most two decimals) to cents, else null. */
export function eurosToCents(euros: number): number | null {
	const cents = Math.round(euros * 100);
	return Math.abs(cents - euros * 100) < 1e-6 ? cents : null;
}

const int = (label: string, min: number, max: number) =>
	v.pipe(
		v.number(`Le champ « ${label} » doit être un nombre.`),
		v.integer(`Le champ « ${label} » doit être un nombre entier.`),
		v.minValue(min, `Le champ « ${label} » doit être compris entre ${min} et ${max}.`),
		v.maxValue(max, `Le champ « ${label} » doit être compris entre ${min} et ${max}.`)
	);

/** The terms of a contract: the first ones, or an amendment (then `reason` is required). */
export const TermsInput = v.pipe(
	v.object({
		/** Required for an amendment; the first terms apply from the contract's start date. */
		effectiveFrom: optionalIsoDate('Date d’effet'),
		hoursPerWeek: v.pipe(
			v.number('Le champ « Heures par semaine » doit être un nombre.'),
			v.check(
				(h) => h > 0 && h * 60 <= MAX_MINUTES_PER_WEEK,
				'Les heures par semaine doivent être comprises entre 0 et 55 heures.'
			),
			v.check(
				(h) => quarterHoursToMinutes(h) !== null,
				'Les heures par semaine se comptent en quarts d’heure (par exemple 37,5 ou 37,25).'
			)
		),
		daysPerWeek: int('Jours par semaine', 1, 5),
		weeksPerYear: int('Semaines par an', 1, 52),
		monthsBilled: v.optional(int('Mois facturés', 1, 12), 12),
		monthlyResources: v.nullable(
			v.pipe(
				v.number('Le champ « Ressources mensuelles » doit être un montant en euros.'),
				v.minValue(0, 'Les ressources mensuelles ne peuvent pas être négatives.'),
				v.maxValue(10_000_000, 'Les ressources mensuelles semblent erronées.'),
				v.check(
					(e) => eurosToCents(e) !== null,
					'Les ressources mensuelles s’indiquent en euros et centimes (deux décimales au plus).'
				)
			),
			null
		),
		resourcesSource: v.optional(
			v.picklist(
				RESOURCES_SOURCES,
				'L’origine des ressources est « caf », « tax_notice » ou « none ».'
			),
			'none'
		),
		resourcesDate: optionalIsoDate('Date des ressources'),
		dependentChildren: int('Enfants à charge', 1, 30),
		aeehChildren: v.optional(int('Enfants bénéficiaires de l’AEEH', 0, 30), 0),
		endDate: optionalIsoDate('Date de fin'),
		reason: optionalText('Motif', 500)
	}),
	v.forward(
		v.check(
			(t) => t.aeehChildren <= t.dependentChildren,
			'Les enfants bénéficiaires de l’AEEH ne peuvent pas être plus nombreux que les enfants à charge.'
		),
		['aeehChildren']
	),
	v.forward(
		v.check(
			(t) => t.monthlyResources === null || t.resourcesSource !== 'none',
			'Indiquez d’où viennent les ressources : montant CAF ou avis d’imposition.'
		),
		['resourcesSource']
	),
	v.forward(
		v.check(
			(t) => t.monthlyResources === null || !!t.resourcesDate,
			'Indiquez la date du montant CAF ou de l’avis d’imposition.'
		),
		['resourcesDate']
	)
);
export type TermsInputValue = v.InferOutput<typeof TermsInput>;

export const NewContractInput = v.object({
	householdId: v.pipe(v.string('Choisissez une famille.'), v.nonEmpty('Choisissez une famille.')),
	childId: v.pipe(v.string('Choisissez un enfant.'), v.nonEmpty('Choisissez un enfant.')),
	structureId: v.pipe(
		v.string('Choisissez une structure.'),
		v.nonEmpty('Choisissez une structure.')
	),
	startDate: isoDate('Date de début'),
	endDate: optionalIsoDate('Date de fin'),
	terms: TermsInput
});

export const EndContractInput = v.object({
	endDate: isoDate('Date de fin'),
	reason: v.pipe(
		v.optional(v.string('Le motif doit être un texte.'), ''),
		v.trim(),
		v.nonEmpty('Indiquez le motif de la fin du contrat.'),
		v.maxLength(500, 'Le motif ne peut pas dépasser 500 caractères.')
	)
});

export const EntryInput = v.pipe(
	v.object({
		contractId: v.pipe(v.string('Choisissez un contrat.'), v.nonEmpty('Choisissez un contrat.')),
		month: v.pipe(
			v.string('Le champ « Mois » est obligatoire.'),
			v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Le mois s’écrit AAAA-MM.')
		),
		kind: v.picklist(
			ENTRY_KINDS,
			'Le type de saisie est « extra_hours », « closure », « hospitalisation » ou « illness ».'
		),
		hours: v.optional(
			v.pipe(
				v.number('Le champ « Heures » doit être un nombre.'),
				v.check(
					(h) => h > 0 && h <= 300,
					'Les heures complémentaires doivent être comprises entre 0 et 300 heures.'
				),
				v.check(
					(h) => quarterHoursToMinutes(h) !== null,
					'Les heures complémentaires se comptent en quarts d’heure (par exemple 2,5).'
				)
			)
		),
		days: v.optional(int('Jours', 1, 31)),
		note: optionalText('Remarque', 500)
	}),
	v.forward(
		v.check(
			(e) => e.kind !== 'extra_hours' || e.hours !== undefined,
			'Indiquez le nombre d’heures complémentaires.'
		),
		['hours']
	),
	v.forward(
		v.check(
			(e) => e.kind === 'extra_hours' || e.days !== undefined,
			'Indiquez le nombre de jours d’absence.'
		),
		['days']
	)
);

export interface TermsForAnomalies {
	monthlyResourcesCents: number | null;
	resourcesSource: ResourcesSourceValue | null;
	resourcesDate: string | null;
}

/** One year before `day` ('YYYY-MM-DD'). */
function yearBefore(day: string): string {
	return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}

/** Days after `day`, as 'YYYY-MM-DD'. */
function addDays(day: string, n: number): string {
	const d = new Date(`${day}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

export const ENDING_NOTICE_DAYS = 60;

/** What the desk must look at on a contract, in French (terms in force today, or null). */
export function contractAnomalies(
	contract: { endDate: string | null; status: string },
	terms: TermsForAnomalies | null,
	today: string
): string[] {
	const out: string[] = [];
	if (!terms) out.push(ANOMALY.termsMissing);
	else if (terms.monthlyResourcesCents === null) out.push(ANOMALY.resourcesMissing);
	else if (
		terms.resourcesSource === 'caf' &&
		terms.resourcesDate &&
		terms.resourcesDate < yearBefore(today)
	)
		out.push(ANOMALY.resourcesOld);
	if (
		contract.endDate &&
		contract.endDate >= today &&
		contract.endDate <= addDays(today, ENDING_NOTICE_DAYS)
	)
		out.push(ANOMALY.ending(contract.endDate));
	return out;
}
