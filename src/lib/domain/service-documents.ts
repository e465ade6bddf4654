// Documents the service writes into a household database (ids `svc:…`, SYNC_SPEC S-OWN-1): their
// ids and valibot schemas, read by the projector (it writes through them) and by the UI.
// Pure TypeScript, like documents.ts.
import * as v from 'valibot';
import { REQUEST_DOC_TYPES, SERVICE_ID_PREFIX, parseDocId } from './documents';
import { REQUEST_STATUSES } from './request-status';

export const STATUS_ID_PREFIX = `${SERVICE_ID_PREFIX}status:`;
export const MESSAGE_ID_PREFIX = `${SERVICE_ID_PREFIX}message:`;

/** `svc:status:<doc id>`: the status of the request a submitted document became. */
export function statusDocId(subjectId: string): string {
	return `${STATUS_ID_PREFIX}${subjectId}`;
}

/** `svc:message:<uuid>`: a message from the service to the family. */
export function messageDocId(uuid: string): string {
	return `${MESSAGE_ID_PREFIX}${uuid}`;
}

const timestamp = (label: string) =>
	v.pipe(
		v.string(`Le champ « ${label} » est obligatoire.`),
		v.isoTimestamp(`Le champ « ${label} » doit être une date et une heure ISO.`)
	);

const status = v.picklist(REQUEST_STATUSES, 'Statut de demande inconnu.');

const note = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000)));

/**
 * One step of a request's history. `by` is who acted (an agent's name, or « Vous » for the
 * family's own answer); `comment` the agent's note; `message` what the family is asked (pieces).
 */
const historyEntry = v.object({
	status,
	at: timestamp('Date du statut'),
	by: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
	comment: note,
	message: note
});

const requestDocTypes = REQUEST_DOC_TYPES as readonly string[];

/** The service's decision on one declared member of an entourage declaration (the household file). */
export const MEMBER_DECISIONS = ['pending', 'validated', 'refused'] as const;
export type MemberDecision = (typeof MEMBER_DECISIONS)[number];

const memberDecision = v.object({
	decision: v.picklist(MEMBER_DECISIONS, 'Décision inconnue pour ce membre.'),
	/** Why the member was refused, in French. */
	reason: note
});

export const StatusDoc = v.pipe(
	v.looseObject({
		type: v.literal('status', 'Le type du document doit être « status ».'),
		subjectId: v.pipe(
			v.string('Le document de la demande est obligatoire.'),
			v.check(
				(id) => requestDocTypes.includes(parseDocId(id)?.type ?? ''),
				'Le document de la demande doit être une préinscription ou une déclaration d’entourage.'
			)
		),
		subjectType: v.picklist(REQUEST_DOC_TYPES, 'Type de demande inconnu.'),
		requestNumber: v.pipe(
			v.number('Le numéro de demande est obligatoire.'),
			v.integer('Le numéro de demande doit être un entier.'),
			v.minValue(1, 'Le numéro de demande doit être positif.')
		),
		status,
		/** The service's reason, in French, when the request is refused or closed. */
		reason: note,
		/** What the service asks the family to send, while the status is « Pièces demandées ». */
		piecesRequested: note,
		/** Per declared member (entourage declarations), the service's decision, by member id. */
		members: v.optional(
			v.record(v.string(), memberDecision, 'Les décisions doivent être un objet.')
		),
		/** While « Place proposée »: the place offered and until when to answer. */
		offer: v.optional(
			v.object({
				offerId: v.string(),
				structureId: v.string(),
				structureName: v.string(),
				ageGroup: v.string(),
				startDate: v.string(),
				/** ISO timestamp: answer before it (server clock); see OFFER_GRACE_HOURS. */
				deadline: v.string()
			})
		),
		/** While « Liste d’attente »: the request's rank on each chosen structure's list. */
		waitlist: v.optional(
			v.array(v.object({ structureId: v.string(), structureName: v.string(), rank: v.number() }))
		),
		/** Once « Admis »: the contract (structure, start date; schedule to be agreed). */
		contract: v.optional(
			v.object({
				contractId: v.string(),
				structureId: v.string(),
				structureName: v.string(),
				startDate: v.string()
			})
		),
		history: v.pipe(
			v.array(historyEntry, 'L’historique doit être une liste.'),
			v.minLength(1, 'L’historique contient au moins le dépôt de la demande.')
		)
	}),
	v.check(
		(doc) => parseDocId(doc.subjectId)?.type === doc.subjectType,
		'Le type de la demande ne correspond pas à son document.'
	),
	v.check(
		(doc) => doc.history.at(-1)?.status === doc.status,
		'Le statut doit être le dernier de l’historique.'
	),
	v.check(
		(doc) => doc.history.every((h, i) => i === 0 || doc.history[i - 1]!.at <= h.at),
		'L’historique doit être dans l’ordre chronologique.'
	)
);

export const MessageDoc = v.looseObject({
	type: v.literal('message', 'Le type du document doit être « message ».'),
	title: v.pipe(
		v.string('Le titre du message est obligatoire.'),
		v.trim(),
		v.nonEmpty('Le titre du message est obligatoire.'),
		v.maxLength(150, 'Le titre du message ne peut pas dépasser 150 caractères.')
	),
	body: v.pipe(
		v.string('Le texte du message est obligatoire.'),
		v.trim(),
		v.nonEmpty('Le texte du message est obligatoire.'),
		v.maxLength(10_000, 'Le texte du message ne peut pas dépasser 10 000 caractères.')
	),
	sentAt: timestamp('Date d’envoi'),
	/** The request the message is about, if any (a document id of this household). */
	subjectId: v.optional(v.string())
});

export type StatusDocument = v.InferOutput<typeof StatusDoc>;
export type MessageDocument = v.InferOutput<typeof MessageDoc>;

/** Null when the body is a valid status document, else the first French reason. */
export function statusDocProblem(body: unknown): string | null {
	const r = v.safeParse(StatusDoc, body);
	return r.success ? null : r.issues[0].message;
}

/** Null when the body is a valid message document, else the first French reason. */
export function messageDocProblem(body: unknown): string | null {
	const r = v.safeParse(MessageDoc, body);
	return r.success ? null : r.issues[0].message;
}

export const INVOICE_ID_PREFIX = `${SERVICE_ID_PREFIX}invoice:`;

/** `svc:invoice:<invoice id>`: an invoice or credit note, its PDF attached as `facture.pdf`. */
export function invoiceDocId(invoiceId: string): string {
	return `${INVOICE_ID_PREFIX}${invoiceId}`;
}

/** Name of the PDF attachment of a `svc:invoice` document. */
export const INVOICE_PDF_ATTACHMENT = 'facture.pdf';

const cents = v.pipe(v.number(), v.integer());

/**
 * The service's copy of an invoice on the family's device (readable offline). Rewritten (same
 * id, new revision, the PDF kept as a stub) when its payment status changes.
 */
export const InvoiceDoc = v.looseObject({
	type: v.literal('invoice', 'Le type du document doit être « invoice ».'),
	invoiceId: v.string(),
	/** F2027-000001 / A2027-000001. */
	number: v.string(),
	kind: v.picklist(['invoice', 'credit_note']),
	/** The invoice a credit note corrects (its number), if any. */
	creditsNumber: v.optional(v.string()),
	month: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}$/)),
	childId: v.string(),
	childName: v.string(),
	structureName: v.string(),
	issueDate: v.string(),
	dueDate: v.string(),
	amountCents: cents,
	creditedCents: cents,
	paidCents: cents,
	/** ISO timestamp of the payment that settled it, if any. */
	paidAt: v.optional(v.string()),
	lines: v.array(
		v.object({
			kind: v.string(),
			label: v.string(),
			quantity: v.nullable(v.string()),
			amountCents: cents
		})
	),
	/** Hourly rate in cents as printed, and the effort rate (ppm) it came from. */
	hourlyRateCents: cents,
	effortRatePpm: cents
});

export type InvoiceDocument = v.InferOutput<typeof InvoiceDoc>;

/** Null when the body is a valid invoice document, else the first French reason. */
export function invoiceDocProblem(body: unknown): string | null {
	const r = v.safeParse(InvoiceDoc, body);
	return r.success ? null : r.issues[0].message;
}
