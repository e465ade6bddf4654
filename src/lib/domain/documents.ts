// Household documents exchanged through replication (PouchDB on the device, /sync on the server):
// their ids, types and valibot schemas. A draft is checked field by field, a submitted one in full.
// Pure TypeScript: imported by the browser and by the sync validator (sync/server/ownership.ts).
import * as v from 'valibot';
import { isoDate, optionalText, requiredText, required } from './validation';

/** Types a parent may write. `piece` = supporting document (pièce justificative). */
export const PARENT_DOC_TYPES = ['preinscription', 'entourage', 'piece'] as const;
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

const MEMBER_ROLES = ['coRepresentative', 'child', 'contact'] as const;

const memberEntries = {
	id: uuidRef('Identifiant du membre'),
	role: v.picklist(MEMBER_ROLES, 'Le rôle du membre doit être co-représentant, enfant ou contact.'),
	civility: v.optional(
		v.picklist(['Madame', 'Monsieur'], 'La civilité doit être Madame ou Monsieur.')
	),
	lastName: requiredText('Nom', 100),
	firstNames: requiredText('Prénom(s)', 150),
	birthDate: v.optional(isoDate('Date de naissance')),
	email: optionalText('Courriel', 254),
	phone: optionalText('Téléphone', 30)
};

const PROFESSIONAL_SITUATIONS = [
	'parent1Works',
	'parent2Works',
	'parent1JobSeeking',
	'parent2JobSeeking',
	'noneWorks'
] as const;

const questionnaireEntries = {
	residentInArea: v.boolean(
		'Indiquez si la famille est domiciliée ou contribuable sur une commune de l’agglomération.'
	),
	professionalSituation: v.pipe(
		v.array(v.picklist(PROFESSIONAL_SITUATIONS, 'Situation professionnelle inconnue.')),
		v.minLength(1, 'Au moins une case doit être cochée.')
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
	pieceIds: v.optional(v.array(idOf('piece', 'Pièce justificative'))),
	questionnaire: draft ? v.partial(v.object(questionnaireEntries)) : v.object(questionnaireEntries)
});

const entourageEntries = (draft: boolean) => ({
	...base('entourage'),
	members: v.pipe(
		v.array(
			draft ? v.partial(v.looseObject(memberEntries)) : v.looseObject(memberEntries),
			'Les membres doivent être une liste.'
		),
		v.minLength(draft ? 0 : 1, 'Déclarez au moins un membre.')
	)
});

const PIECE_KINDS = [
	'birthCertificate',
	'proofOfAddress',
	'incomeStatement',
	'familyRecordBook',
	'other'
] as const;

const pieceEntries = {
	...base('piece'),
	kind: v.picklist(PIECE_KINDS, 'Le type de pièce justificative est inconnu.'),
	personId: uuidRef('Personne concernée'),
	label: requiredText('Libellé', 150)
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

export type Preinscription = v.InferOutput<typeof PreinscriptionDoc.complete>;
export type Entourage = v.InferOutput<typeof EntourageDoc.complete>;
export type Piece = v.InferOutput<typeof PieceDoc.complete>;

const DOC_SCHEMAS = {
	preinscription: PreinscriptionDoc,
	entourage: EntourageDoc,
	piece: PieceDoc
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
	type: 'Type'
};

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
		if (issue.input === undefined && issue.kind === 'schema')
			return required(FIELD_LABELS[key] ?? key);
		return issue.message;
	}
	if (type === 'piece' && submitted && !hasAttachments)
		return 'Une pièce justificative déposée doit contenir au moins une page.';
	return null;
}
