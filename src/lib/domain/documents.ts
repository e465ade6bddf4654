// Household documents exchanged through replication (PouchDB on the device, /sync on the server):
// their ids, types and valibot schemas. A draft is checked field by field, a submitted one in full.
// Pure TypeScript: imported by the browser and by the sync validator (sync/server/ownership.ts).
import * as v from 'valibot';
import {
	fieldErrors,
	isRealDate,
	isoDate,
	optionalText,
	requiredText,
	required,
	todayInParis
} from './validation';

/**
 * Types a parent may write. `piece` = supporting document (pièce justificative); `reply` = the
 * family's answer to « Pièces demandées » (the pieces the service asked for); `confirmation` =
 * the family confirms or updates its situation before a commission session; `offer-answer` =
 * the family accepts or declines a place offered; `paperless` = the family's choice, per child, of
 * invoices online only (« Adhésion à la facture en ligne »).
 */
export const PARENT_DOC_TYPES = [
	'preinscription',
	'entourage',
	'piece',
	'reply',
	'confirmation',
	'offer-answer',
	'paperless'
] as const;
export type ParentDocType = (typeof PARENT_DOC_TYPES)[number];
/** Documents that become a numbered request when submitted. */
export const REQUEST_DOC_TYPES = ['preinscription', 'entourage'] as const;

const DOC_STATES = ['draft', 'submitted'] as const;

/** Prefix of ids only the service writes (status, decisions, invoices…). */
export const SERVICE_ID_PREFIX = 'svc:';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function docId(type: ParentDocType, uuid: string): string {
	return `${type}:${uuid}`;
}

/** Splits `<type>:<uuid>`; null when the id does not have that shape. */
export function parseDocId(id: string): { type: string; uuid: string } | null {
	const i = id.indexOf(':');
	if (i <= 0) return null;
	const uuid = id.slice(i + 1);
	return UUID.test(uuid) ? { type: id.slice(0, i), uuid } : null;
}

const idOf = (type: ParentDocType, label: string) =>
	v.pipe(
		v.string(required(label)),
		v.check(
			(s) => parseDocId(s)?.type === type,
			`Le champ « ${label} » doit désigner un document ${type}.`
		)
	);
const uuidRef = (label: string) =>
	v.pipe(
		v.string(required(label)),
		v.regex(UUID, `Le champ « ${label} » doit être un identifiant valide.`)
	);

export const MEMBER_ROLES = ['coRepresentative', 'child', 'contact'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
/** The guide's names of the three kinds of member (« + » of DÉCLARER MON ENTOURAGE). */
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
	coRepresentative: 'Co-représentant (parent)',
	child: 'Membre foyer (enfant)',
	contact: 'Contact (personne autorisée)'
};
export const MEMBER_CIVILITIES = ['Madame', 'Monsieur'] as const;

const TO_BE_BORN_MESSAGE = '« Enfant à naître » doit être oui ou non.';
const MEMBER_SHAPE_MESSAGE = 'Chaque membre doit être décrit par ses champs (nom, prénom…).';
const PIECES_MESSAGE = 'Les pièces justificatives doivent être une liste.';
const ROLE_MESSAGE = 'Le rôle du membre doit être co-représentant, enfant ou contact.';
const CIVILITY_MESSAGE = 'Choisissez la civilité : Madame ou Monsieur.';
export const BIRTH_DATE_IN_FUTURE = 'La date de naissance ne peut pas être dans le futur.';
export const BIRTH_DATE_TOO_OLD = 'La date de naissance doit être postérieure au 1er janvier 1900.';
export const EXPECTED_DATE_PAST =
	'La date de naissance prévue est passée depuis plus d’un mois : si l’enfant est né, décochez « Enfant à naître » et indiquez sa date de naissance.';
export const EXPECTED_DATE_TOO_FAR =
	'La date de naissance prévue ne peut pas être à plus de dix mois d’aujourd’hui.';
export const CONTACT_MEANS_REQUIRED =
	'Indiquez au moins un moyen de contact : courriel ou téléphone.';

const FRENCH_PHONE = /^(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `iso` moved by `days` (ISO dates, calendar arithmetic in UTC). */
function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** An optional text that, when given, must match `pattern`. */
const optionalFormatted = (label: string, max: number, pattern: RegExp, message: string) =>
	v.pipe(
		optionalText(label, max),
		v.check((s) => s === undefined || pattern.test(s), message)
	);
const memberEmail = optionalFormatted(
	'Courriel',
	254,
	EMAIL,
	'Le courriel doit être une adresse valide, par exemple prenom.nom@exemple.fr.'
);
const memberPhone = optionalFormatted(
	'Téléphone',
	30,
	FRENCH_PHONE,
	'Le champ « Téléphone » doit être un numéro de téléphone français (10 chiffres).'
);
const requiredPhone = v.pipe(
	requiredText('Téléphone', 30),
	v.regex(
		FRENCH_PHONE,
		'Le champ « Téléphone » doit être un numéro de téléphone français (10 chiffres).'
	)
);

/** A required ISO date (missing or empty: « obligatoire »). */
const requiredDate = (label: string) =>
	v.pipe(
		v.optional(v.string(required(label)), ''),
		v.nonEmpty(required(label)),
		v.check(isRealDate, `Le champ « ${label} » doit être une date valide (AAAA-MM-JJ).`)
	);
/** A birth date: a real date, not in the future (Europe/Paris), not before 1900. */
const birthDate = v.pipe(
	requiredDate('Date de naissance'),
	v.check((d) => d <= todayInParis(), BIRTH_DATE_IN_FUTURE),
	v.check((d) => d >= '1900-01-01', BIRTH_DATE_TOO_OLD)
);
/** A child to be born: expected at most a month ago and at most ten months ahead. */
const expectedBirthDate = v.pipe(
	requiredDate('Date de naissance prévue'),
	v.check((d) => d >= addDays(todayInParis(), -31), EXPECTED_DATE_PAST),
	v.check((d) => d <= addDays(todayInParis(), 305), EXPECTED_DATE_TOO_FAR)
);
/** An empty string or a real date: what a date input holds while the parent types. */
const draftDate = (label: string) =>
	v.optional(
		v.pipe(
			v.string(`Le champ « ${label} » doit être une date.`),
			v.check(
				(s) => s === '' || isRealDate(s),
				`Le champ « ${label} » doit être une date valide (AAAA-MM-JJ).`
			)
		)
	);

const identity = {
	id: uuidRef('Identifiant du membre'),
	lastName: requiredText('Nom', 100),
	firstNames: requiredText('Prénom(s)', 150)
};
const contactMeans = {
	email: memberEmail,
	phone: memberPhone,
	/** Supporting documents (vault pieces) attached at step 2, optional. */
	pieceIds: v.optional(v.array(idOf('piece', 'Pièce justificative'), PIECES_MESSAGE))
};

const CoRepresentativeMember = v.pipe(
	v.looseObject({
		role: v.literal('coRepresentative', ROLE_MESSAGE),
		civility: v.pipe(
			v.optional(v.string(CIVILITY_MESSAGE), ''),
			v.picklist(MEMBER_CIVILITIES, CIVILITY_MESSAGE)
		),
		...identity,
		birthDate,
		...contactMeans
	}),
	v.forward(
		v.partialCheck(
			[['email'], ['phone']],
			(m) => m.email !== undefined || m.phone !== undefined,
			CONTACT_MEANS_REQUIRED
		),
		['email']
	)
);

const ChildMember = v.variant(
	'toBeBorn',
	[
		v.looseObject({
			role: v.literal('child', ROLE_MESSAGE),
			...identity,
			/** A child to be born may not have a first name yet. */
			firstNames: optionalText('Prénom(s)', 150),
			toBeBorn: v.literal(true, TO_BE_BORN_MESSAGE),
			expectedBirthDate,
			...contactMeans
		}),
		v.looseObject({
			role: v.literal('child', ROLE_MESSAGE),
			...identity,
			toBeBorn: v.optional(v.literal(false, TO_BE_BORN_MESSAGE)),
			birthDate,
			...contactMeans
		})
	],
	TO_BE_BORN_MESSAGE
);

const ContactMember = v.looseObject({
	role: v.literal('contact', ROLE_MESSAGE),
	...identity,
	...contactMeans,
	phone: requiredPhone,
	/** Lien avec l'enfant, e.g. « Grand-parent ». */
	relationship: requiredText('Lien avec l’enfant', 100)
});

const isBooleanOrAbsent = (m: object) => {
	const value = (m as { toBeBorn?: unknown }).toBeBorn;
	return value === undefined || typeof value === 'boolean';
};

/** A complete member, checked by role (what a submitted declaration holds). */
export const Member = v.pipe(
	v.unknown(),
	// A nested variant whose key is wrong is reported as the outer key (the role): say it first.
	v.check(
		(m) => typeof m !== 'object' || m === null || !('toBeBorn' in m) || isBooleanOrAbsent(m),
		TO_BE_BORN_MESSAGE
	),
	v.variant('role', [CoRepresentativeMember, ChildMember, ContactMember], ROLE_MESSAGE)
);
export type Member = v.InferOutput<typeof Member>;

/** A member being typed: each field present has the right shape; nothing is required yet. */
const DraftMember = v.looseObject(
	{
		id: v.optional(uuidRef('Identifiant du membre')),
		role: v.optional(v.picklist(MEMBER_ROLES, ROLE_MESSAGE)),
		civility: v.optional(v.picklist([...MEMBER_CIVILITIES, ''], CIVILITY_MESSAGE)),
		lastName: optionalText('Nom', 100),
		firstNames: optionalText('Prénom(s)', 150),
		birthDate: draftDate('Date de naissance'),
		toBeBorn: v.optional(v.boolean(TO_BE_BORN_MESSAGE)),
		expectedBirthDate: draftDate('Date de naissance prévue'),
		email: optionalText('Courriel', 254),
		phone: optionalText('Téléphone', 30),
		relationship: optionalText('Lien avec l’enfant', 100),
		pieceIds: v.optional(v.array(idOf('piece', 'Pièce justificative'), PIECES_MESSAGE))
	},
	MEMBER_SHAPE_MESSAGE
);

/** Field errors of a member as the profile step shows them ({ lastName: '…' }); {} when complete. */
export function memberFieldErrors(member: unknown): Record<string, string> {
	const r = v.safeParse(Member, member);
	return r.success ? {} : fieldErrors(r.issues);
}

export const PROFESSIONAL_SITUATIONS = [
	'parent1Works',
	'parent2Works',
	'parent1JobSeeking',
	'parent2JobSeeking',
	'noneWorks'
] as const;

/** The questionnaire's messages, as the guide writes them. */
export const ONE_OPTION = 'Au moins une option doit être choisie.';
export const ONE_BOX = 'Au moins une case doit être cochée.';

const questionnaireEntries = {
	residentInArea: v.boolean(ONE_OPTION),
	professionalSituation: v.pipe(
		v.array(v.picklist(PROFESSIONAL_SITUATIONS, 'Situation professionnelle inconnue.'), ONE_BOX),
		v.minLength(1, ONE_BOX)
	)
};

const distinct = (xs: string[]) => new Set(xs).size === xs.length;

const base = <T extends ParentDocType>(type: T) => ({
	type: v.literal(type, `Le type du document doit être « ${type} ».`),
	state: v.optional(
		v.picklist(DOC_STATES, 'L’état du document doit être « draft » ou « submitted ».')
	),
	createdAt: v.optional(v.string()),
	updatedAt: v.optional(v.string())
});

const preinscriptionEntries = (draft: boolean) => ({
	...base('preinscription'),
	childId: uuidRef('Enfant'),
	wishedStartDate: isoDate('Date d’entrée souhaitée'),
	choices: v.pipe(
		v.array(
			v.pipe(v.string(), v.nonEmpty('Choisissez une structure.')),
			'Les choix doivent être une liste de structures.'
		),
		v.minLength(1, 'Choisissez au moins une structure.'),
		v.maxLength(3, 'Trois structures au plus ; pour un autre choix, utilisez « Observations ».'),
		v.check(distinct, 'Une même structure ne peut pas être choisie deux fois.')
	),
	observations: optionalText('Observations', 2000),
	pieceIds: v.optional(v.array(idOf('piece', 'Pièce justificative'), PIECES_MESSAGE)),
	questionnaire: draft ? v.partial(v.object(questionnaireEntries)) : v.object(questionnaireEntries)
});

const entourageEntries = (draft: boolean) => ({
	...base('entourage'),
	members: v.pipe(
		v.array(draft ? DraftMember : Member, 'Les membres doivent être une liste.'),
		v.minLength(draft ? 0 : 1, 'Déclarez au moins un membre.')
	)
});

export const PIECE_KINDS = [
	'birthCertificate',
	'proofOfAddress',
	'incomeStatement',
	'familyRecordBook',
	'other'
] as const;
export type PieceKind = (typeof PIECE_KINDS)[number];
/** The kinds of supporting document the guide names (« extrait de naissance, justificatif de domicile, etc. »). */
export const PIECE_KIND_LABELS: Record<PieceKind, string> = {
	birthCertificate: 'Extrait d’acte de naissance',
	proofOfAddress: 'Justificatif de domicile',
	incomeStatement: 'Avis d’imposition ou justificatif de revenus',
	familyRecordBook: 'Livret de famille',
	other: 'Autre pièce'
};

const pieceEntries = {
	...base('piece'),
	kind: v.picklist(PIECE_KINDS, 'Le type de pièce justificative est inconnu.'),
	personId: uuidRef('Personne concernée'),
	label: requiredText('Libellé', 150)
};

/** A submitted answer to « Pièces demandées » names at least one piece. */
export const REPLY_NEEDS_PIECES = 'Ajoutez au moins une pièce.';

const replyEntries = (draft: boolean) => ({
	...base('reply'),
	/** The request answered: the preinscription or entourage document it was submitted as. */
	requestId: v.pipe(
		v.string(required('Demande')),
		v.check(
			(id) => (REQUEST_DOC_TYPES as readonly string[]).includes(parseDocId(id)?.type ?? ''),
			'La réponse doit viser une préinscription ou une déclaration d’entourage.'
		)
	),
	pieceIds: v.pipe(
		v.optional(v.array(idOf('piece', 'Pièce justificative'), PIECES_MESSAGE), []),
		v.minLength(draft ? 0 : 1, REPLY_NEEDS_PIECES),
		v.check(distinct, 'Une même pièce ne peut pas être envoyée deux fois.')
	),
	comment: optionalText('Commentaire', 2000),
	/** Device-side: the `at` of the « Pièces demandées » history entry this reply answers. */
	askedAt: v.optional(v.string())
});

/**
 * The family's answer to a place offered (`offer-answer:<uuid>`), written on the device (offline
 * too). The server's clock decides whether it came in time: an answer that arrives after the
 * deadline counts only if it was written before it and arrives within OFFER_GRACE_HOURS.
 */
export const OFFER_ANSWERS = ['accept', 'decline'] as const;
export type OfferAnswer = (typeof OFFER_ANSWERS)[number];

const offerAnswerEntries = {
	...base('offer-answer'),
	requestId: idOf('preinscription', 'Demande'),
	offerId: uuidRef('Proposition'),
	answer: v.picklist(OFFER_ANSWERS, 'Répondez « J’accepte » ou « Je refuse » à cette proposition.'),
	/** Why the family declines, optional. */
	reason: optionalText('Motif', 2000),
	/** When the parent answered, on the device's clock (ISO timestamp). */
	answeredAt: v.pipe(
		v.string(required('Date de la réponse')),
		v.isoTimestamp('La date de la réponse doit être une date et une heure ISO.')
	)
};

/**
 * The family confirms (or updates) its situation before a session (`confirmation:<uuid>`): the
 * questionnaire's answers then in force for the score.
 */
const confirmationEntries = (draft: boolean) => ({
	...base('confirmation'),
	requestId: idOf('preinscription', 'Demande'),
	sessionId: uuidRef('Commission'),
	questionnaire: draft ? v.partial(v.object(questionnaireEntries)) : v.object(questionnaireEntries),
	comment: optionalText('Commentaire', 2000),
	confirmedAt: v.optional(v.string())
});

/**
 * The family's paperless choice (`paperless:<uuid>`, « Adhésion à la facture en ligne »): for each
 * child, invoices online only (true) or on paper too (false). Each « Valider » writes a new
 * submitted document; per child the latest `validatedAt` (device clock) wins (SYNC_SPEC S-PROJ-10).
 */
export const PAPERLESS_CHOICE_MESSAGE =
	'Pour chaque enfant, répondez « Oui » ou « Non » à la facture en ligne.';
const paperlessEntries = {
	...base('paperless'),
	children: v.pipe(
		v.array(
			v.looseObject(
				{
					childId: uuidRef('Enfant'),
					childName: requiredText('Nom de l’enfant', 250),
					paperless: v.boolean(PAPERLESS_CHOICE_MESSAGE)
				},
				'Chaque enfant doit être décrit par son identifiant, son nom et son choix.'
			),
			'Les enfants doivent être une liste.'
		),
		v.minLength(1, 'Indiquez votre choix pour au moins un enfant.'),
		v.check(
			(cs) => distinct(cs.map((c) => c.childId)),
			'Un même enfant ne peut pas figurer deux fois.'
		)
	),
	/** When the parent pressed « Valider », on the device's clock (ISO timestamp). */
	validatedAt: v.pipe(
		v.string(required('Date de validation')),
		v.isoTimestamp('La date de validation doit être une date et une heure ISO.')
	)
};

const PreinscriptionDoc = {
	complete: v.looseObject(preinscriptionEntries(false)),
	draft: v.partial(v.looseObject(preinscriptionEntries(true)))
};
const EntourageDoc = {
	complete: v.looseObject(entourageEntries(false)),
	draft: v.partial(v.looseObject(entourageEntries(true)))
};
const PieceDoc = {
	complete: v.looseObject(pieceEntries),
	draft: v.partial(v.looseObject(pieceEntries))
};

const ReplyDoc = {
	complete: v.looseObject(replyEntries(false)),
	draft: v.partial(v.looseObject(replyEntries(true)))
};

const OfferAnswerDoc = {
	complete: v.looseObject(offerAnswerEntries),
	draft: v.partial(v.looseObject(offerAnswerEntries))
};
const ConfirmationDoc = {
	complete: v.looseObject(confirmationEntries(false)),
	draft: v.partial(v.looseObject(confirmationEntries(true)))
};

const PaperlessDoc = {
	complete: v.looseObject(paperlessEntries),
	draft: v.partial(v.looseObject(paperlessEntries))
};

export type Preinscription = v.InferOutput<typeof PreinscriptionDoc.complete>;
export type OfferAnswerDocument = v.InferOutput<typeof OfferAnswerDoc.complete>;
export type Confirmation = v.InferOutput<typeof ConfirmationDoc.complete>;
export type Reply = v.InferOutput<typeof ReplyDoc.complete>;
export type Entourage = v.InferOutput<typeof EntourageDoc.complete>;
export type Piece = v.InferOutput<typeof PieceDoc.complete>;
export type Paperless = v.InferOutput<typeof PaperlessDoc.complete>;

const DOC_SCHEMAS = {
	preinscription: PreinscriptionDoc,
	entourage: EntourageDoc,
	piece: PieceDoc,
	reply: ReplyDoc,
	confirmation: ConfirmationDoc,
	'offer-answer': OfferAnswerDoc,
	paperless: PaperlessDoc
} as const;

const FIELD_LABELS: Record<string, string> = {
	childId: 'Enfant',
	wishedStartDate: 'Date d’entrée souhaitée',
	choices: 'Structures souhaitées',
	questionnaire: 'Questionnaire',
	residentInArea: 'Domicile dans l’agglomération',
	professionalSituation: 'Situation professionnelle des parents',
	members: 'Membres',
	id: 'Identifiant du membre',
	role: 'Rôle',
	lastName: 'Nom',
	firstNames: 'Prénom(s)',
	kind: 'Type de pièce',
	personId: 'Personne concernée',
	label: 'Libellé',
	requestId: 'Demande',
	pieceIds: 'Pièces',
	offerId: 'Proposition',
	answer: 'Réponse',
	answeredAt: 'Date de la réponse',
	sessionId: 'Commission',
	children: 'Enfants',
	childName: 'Nom de l’enfant',
	paperless: 'Facture en ligne',
	validatedAt: 'Date de validation',
	type: 'Type'
};

/**
 * Pages of one piece at most: ~1 MB each, a piece must fit in one sync request (16 MB).
 * More pages go in a second piece.
 */
export const MAX_PAGES_PER_PIECE = 10;
export const TOO_MANY_PAGES = `Une pièce justificative compte au plus ${MAX_PAGES_PER_PIECE} pages : enregistrez les pages suivantes dans une autre pièce.`;

/** Document types that may carry attachments (scanned pages). */
export const ATTACHMENT_DOC_TYPES: readonly ParentDocType[] = ['piece'];

/**
 * Checks a parent document's content: null when acceptable, else the first French reason.
 * A submitted piece must have at least one page (`hasAttachments`).
 */
export function documentProblem(
	type: ParentDocType,
	doc: Record<string, unknown>,
	hasAttachments: boolean
): string | null {
	const submitted = doc.state === 'submitted';
	const schema = submitted ? DOC_SCHEMAS[type].complete : DOC_SCHEMAS[type].draft;
	const result = v.safeParse(schema, doc);
	if (!result.success) {
		const issue = result.issues[0];
		const path = v.getDotPath(issue) ?? '';
		const key = path.split('.').pop() ?? '';
		// A missing key is reported by the object schema in English: name the field instead.
		const message =
			issue.input === undefined && issue.kind === 'schema'
				? required(FIELD_LABELS[key] ?? key)
				: issue.message;
		// A member's problem names the member: "Membre 2 : Le champ « Nom » est obligatoire."
		const member = /^members\.(\d+)(\.|$)/.exec(path);
		return member ? `Membre ${Number(member[1]) + 1} : ${message}` : message;
	}
	if (type === 'piece' && submitted && !hasAttachments)
		return 'Une pièce justificative déposée doit contenir au moins une page.';
	return null;
}
