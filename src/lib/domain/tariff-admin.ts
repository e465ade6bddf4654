// What admins type to change the PSU scale and the service's identity on invoices, checked with
// French messages (shared by the staff page and the API). Percentages and euros at this edge;
// the result in the stored units (ppm, cents). Pure TypeScript.
import * as v from 'valibot';
import { CHILD_BRACKETS, type ChildBracket } from './tariff';
import { isoDate, optionalText, requiredText } from './validation';

export const BILLING_PARAMETER_LABELS = {
	illness_waiting_days: 'Jours de carence en cas de maladie',
	default_weeks_per_year: 'Semaines de présence par an proposées pour un contrat',
	payment_due_days: 'Délai de paiement d’une facture (jours)'
} as const;
export type BillingParameterName = keyof typeof BILLING_PARAMETER_LABELS;

export const BILLING_PARAMETER_BOUNDS: Record<BillingParameterName, [number, number]> = {
	illness_waiting_days: [0, 30],
	default_weeks_per_year: [1, 52],
	payment_due_days: [1, 90]
};

const EFFORT_MESSAGE =
	'Un taux d’effort est un pourcentage supérieur à 0 et inférieur à 1, à quatre décimales au plus (par exemple 0,0619).';

/** A number typed with a comma or a point; a number passes through. */
const decimalInput = (message: string) =>
	v.pipe(
		v.union([v.number(message), v.string(message)], message),
		v.transform((x) =>
			typeof x === 'number'
				? x
				: /^\s*\d+([.,]\d+)?\s*$/.test(x)
					? Number(x.trim().replace(',', '.'))
					: NaN
		),
		v.check((x) => Number.isFinite(x), message)
	);

const effortRate = v.pipe(
	decimalInput(EFFORT_MESSAGE),
	v.check(
		(x) => x > 0 && x < 1 && Math.abs(x * 10_000 - Math.round(x * 10_000)) < 1e-6,
		EFFORT_MESSAGE
	),
	v.transform((x) => Math.round(x * 10_000))
);

export const EffortRatesInput = v.pipe(
	v.object({
		effectiveFrom: isoDate('S’applique à partir du'),
		rates: v.object({
			'1': effortRate,
			'2': effortRate,
			'3': effortRate,
			'4': effortRate,
			'8': effortRate
		})
	}),
	v.forward(
		v.check(
			(x) =>
				CHILD_BRACKETS.every((b, i) => i === 0 || x.rates[b] <= x.rates[CHILD_BRACKETS[i - 1]]),
			'Le taux d’effort ne peut pas augmenter avec le nombre d’enfants : vérifiez l’ordre des taux.'
		),
		['rates']
	),
	v.transform((x) => ({
		effectiveFrom: x.effectiveFrom,
		ratesPpm: Object.fromEntries(CHILD_BRACKETS.map((b) => [b, x.rates[b]])) as Record<
			ChildBracket,
			number
		>
	}))
);

const euros = (label: string) => {
	const message = `Le champ « ${label} » doit être un montant en euros (par exemple 814,62).`;
	return v.pipe(
		decimalInput(message),
		v.check((x) => x > 0 && x <= 1_000_000, message),
		v.check(
			(x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6,
			`Le champ « ${label} » s’exprime au centime près (deux décimales au plus).`
		),
		v.transform((x) => Math.round(x * 100))
	);
};

export const BoundsInput = v.pipe(
	v.object({
		effectiveFrom: isoDate('S’applique à partir du'),
		floor: euros('Plancher mensuel'),
		ceiling: euros('Plafond mensuel'),
		note: optionalText('Note', 300)
	}),
	v.forward(
		v.check((x) => x.ceiling > x.floor, 'Le plafond doit être supérieur au plancher.'),
		['ceiling']
	)
);

export const ParameterInput = v.pipe(
	v.object({
		name: v.picklist(
			Object.keys(BILLING_PARAMETER_LABELS) as BillingParameterName[],
			'Choisissez un paramètre de la liste.'
		),
		effectiveFrom: isoDate('S’applique à partir du'),
		value: v.pipe(
			decimalInput('La valeur doit être un nombre entier.'),
			v.integer('La valeur doit être un nombre entier.')
		)
	}),
	v.forward(
		v.check((x) => {
			const [min, max] = BILLING_PARAMETER_BOUNDS[x.name];
			return x.value >= min && x.value <= max;
		}, 'La valeur est hors des limites de ce paramètre.'),
		['value']
	)
);

/** The service's identity and how to pay, printed on invoices and tax certificates. */
export interface BillingSettings {
	name: string;
	addressLines: string[];
	phone: string;
	email: string;
	siret: string;
	paymentText: string;
}

export const BillingSettingsInput = v.object({
	name: requiredText('Nom du service', 120),
	addressLines: v.pipe(
		v.array(
			v.pipe(
				v.string('Chaque ligne d’adresse est un texte.'),
				v.trim(),
				v.maxLength(100, 'Une ligne d’adresse ne peut pas dépasser 100 caractères.')
			),
			'L’adresse est une liste de lignes.'
		),
		v.transform((lines) => lines.filter((l) => l !== '')),
		v.minLength(1, 'Le champ « Adresse » est obligatoire.'),
		v.maxLength(6, 'L’adresse tient en 6 lignes au plus.')
	),
	phone: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(30, 'Le téléphone ne peut pas dépasser 30 caractères.')
	),
	email: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check(
			(s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
			'Le courriel doit être une adresse valide, par exemple prenom.nom@exemple.fr.'
		)
	),
	siret: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check(
			(s) => s === '' || /^\d{14}$/.test(s.replace(/\s/g, '')),
			'Le SIRET compte 14 chiffres.'
		)
	),
	paymentText: requiredText('Moyens de paiement', 600)
});
