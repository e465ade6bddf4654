// Account and profile schemas ("JE CRÉE MON ESPACE", "Profil", "Identifiants"), shared by the
// create-space form, the profile form and the API.
import * as v from 'valibot';
import { checkPassword } from './password-policy';
import { optionalIsoDate, optionalText, requiredText, required, todayInParis } from './validation';

export const CIVILITIES = ['Madame', 'Monsieur'] as const;
export const PREFERRED_CONTACTS = ['email', 'phone', 'mobile'] as const;
export const PREFERRED_CONTACT_LABELS: Record<(typeof PREFERRED_CONTACTS)[number], string> = {
	email: 'Courriel',
	phone: 'Téléphone',
	mobile: 'Mobile'
};

const FRENCH_PHONE = /^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/;

const phone = (label: string) =>
	v.optional(
		v.pipe(
			v.nullable(v.string()),
			v.transform((s) => (s == null || s.trim() === '' ? undefined : s.trim())),
			v.optional(
				v.pipe(
					v.string(),
					v.regex(
						FRENCH_PHONE,
						`Le champ « ${label} » doit être un numéro de téléphone français (10 chiffres).`
					)
				)
			)
		)
	);

export const email = v.pipe(
	v.optional(v.string(required('Courriel')), ''),
	v.trim(),
	v.nonEmpty(required('Courriel')),
	v.maxLength(254, 'L’adresse de courriel est trop longue.'),
	v.email('Le courriel doit être une adresse valide, par exemple prenom.nom@exemple.fr.')
);

export const username = v.pipe(
	v.optional(v.string(required('Identifiant d’utilisateur')), ''),
	v.trim(),
	v.nonEmpty(required('Identifiant d’utilisateur')),
	v.minLength(3, 'L’identifiant doit contenir au moins 3 caractères.'),
	v.maxLength(60, 'L’identifiant ne peut pas dépasser 60 caractères.'),
	v.regex(
		/^[A-Za-z0-9._@-]+$/,
		'L’identifiant ne peut contenir que des lettres sans accent, des chiffres et les signes . _ - @.'
	)
);

export const Address = v.object({
	number: optionalText('Numéro', 10),
	street: optionalText('Nom de la voie', 150),
	building: optionalText('Bâtiment', 60),
	apartment: optionalText('Appartement', 30),
	complement: optionalText('Complément', 150),
	postalCode: v.optional(
		v.pipe(
			v.nullable(v.string()),
			v.transform((s) => (s == null || s.trim() === '' ? undefined : s.trim())),
			v.optional(v.pipe(v.string(), v.regex(/^\d{5}$/, 'Le code postal doit contenir 5 chiffres.')))
		)
	),
	city: optionalText('Commune', 100)
});
export type Address = v.InferOutput<typeof Address>;

const birthDateInPast = v.pipe(
	optionalIsoDate('Date de naissance'),
	v.check(
		(d) => d === undefined || (d >= '1900-01-01' && d <= todayInParis()),
		'La date de naissance doit être passée.'
	)
);

/** Identity, address and contacts: what "Profil" edits. */
export const ProfileFields = {
	civility: v.optional(v.picklist(CIVILITIES, required('Civilité')), '' as 'Madame'),
	lastName: requiredText('Nom usuel'),
	birthName: optionalText('Nom de naissance'),
	firstNames: requiredText('Prénom(s)'),
	birthDate: birthDateInPast,
	address: v.optional(Address, {}),
	phone: phone('Téléphone'),
	mobile: phone('Mobile'),
	email,
	preferredContact: v.optional(
		v.pipe(
			v.nullable(
				v.union(
					[v.picklist(PREFERRED_CONTACTS), v.literal('')],
					'Le moyen de contact préféré est invalide.'
				)
			),
			v.transform((s) => (s ? s : undefined))
		)
	)
};

export const Profile = v.object(ProfileFields);
export type Profile = v.InferOutput<typeof Profile>;

/** "Modifier mon courriel": the new address, confirmed by the current password. */
export const ChangeEmail = v.object({
	email,
	currentPassword: v.pipe(
		v.optional(v.string(required('Mot de passe actuel')), ''),
		v.nonEmpty(required('Mot de passe actuel')),
		v.maxLength(1024)
	)
});

/** Refuses a password under the policy's floor, with the reason on the `password` field. */
function passwordWithPolicy<T extends { password: string }>() {
	return v.rawCheck<T>(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const reason = checkPassword(dataset.value.password);
		if (reason)
			addIssue({
				message: reason,
				path: [
					{
						type: 'object',
						origin: 'value',
						input: dataset.value as Record<string, unknown>,
						key: 'password',
						value: dataset.value.password
					}
				]
			});
	});
}

const password = (label: string) =>
	v.pipe(v.optional(v.string(required(label)), ''), v.nonEmpty(required(label)), v.maxLength(1024));

const RegisterObject = v.object({
	acceptCgu: v.optional(
		v.literal(true, 'Vous devez accepter les conditions générales d’utilisation.'),
		false as true
	),
	...ProfileFields,
	username,
	password: password('Mot de passe')
});

export const Register = v.pipe(
	RegisterObject,
	passwordWithPolicy<v.InferOutput<typeof RegisterObject>>()
);

/** What the person typed about themselves: zxcvbn's user inputs (a password built on them is weak). */
export function personalInputs(p: {
	username?: string;
	lastName?: string;
	birthName?: string | null;
	firstNames?: string;
	email?: string;
	birthDate?: string | null;
}): string[] {
	return [
		p.username,
		p.lastName,
		p.birthName,
		...(p.firstNames ?? '').split(/[\s,-]+/),
		p.email,
		p.email?.split('@')[0],
		p.birthDate?.slice(0, 4)
	].filter((s): s is string => !!s && s.trim().length > 1);
}
export type Register = v.InferOutput<typeof Register>;

export const Login = v.object({
	username: v.pipe(
		v.optional(v.string(required('Identifiant')), ''),
		v.trim(),
		v.nonEmpty(required('Identifiant')),
		v.maxLength(254)
	),
	password: password('Mot de passe')
});

export const Token = v.object({
	token: v.pipe(
		v.string('Ce lien est invalide.'),
		v.regex(/^[A-Za-z0-9_-]{20,100}$/, 'Ce lien est invalide.')
	)
});

export const PasswordResetRequest = v.object({ email });

const ResetObject = v.object({ token: Token.entries.token, password: password('Mot de passe') });
export const PasswordResetConfirm = v.pipe(
	ResetObject,
	passwordWithPolicy<v.InferOutput<typeof ResetObject>>()
);

const ChangeObject = v.object({
	currentPassword: password('Mot de passe actuel'),
	password: password('Nouveau mot de passe')
});
export const ChangePassword = v.pipe(
	ChangeObject,
	passwordWithPolicy<v.InferOutput<typeof ChangeObject>>()
);
