// The simulator's operations in SQLite (migration 017): created by creerPaiementSecurise, settled
// by the payer on the simulator's page, read back by recupererDetailPaiementSecurise. Like PayFiP:
// an idOp is valid 15 minutes; until the payer acts the detail is the fault P5 (in progress),
// an unknown or expired-without-action idOp is P1.
import { randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../db';
import { xmlField } from '../billing/payment/payfip';
import { createdResponse, detailResponse, faultResponse } from './soap';

export const IDOP_VALID_MS = 15 * 60_000;
export const NOTIFY_DELAY_MS = 10_000;

export type Notify = 'immediate' | 'delayed' | 'twice' | 'none';

export interface SimOperation {
	idop: string;
	numcli: string;
	exer: string;
	refdet: string;
	objet: string;
	montant: number;
	mel: string;
	urlnotif: string;
	urlredirect: string;
	saisie: string;
	created_at: number;
	resultrans: string | null;
	acted_at: number | null;
	numauto: string | null;
	notify: Notify | null;
	notify_due_at: number | null;
	notifications: number;
}

export function operation(db: Db, idop: string): SimOperation | undefined {
	return db.prepare('SELECT * FROM payfip_sim_operations WHERE idop = ?').get(idop) as
		SimOperation | undefined;
}

export const expired = (op: SimOperation, now: number) =>
	op.resultrans === null && now - op.created_at > IDOP_VALID_MS;

const isUrl = (s: string) => /^https?:\/\//.test(s) && URL.canParse(s);

/** The checks PayFiP makes on creerPaiementSecurise, each a French message (null: valid). */
function invalidField(f: Record<string, string>): string | null {
	if (!/^\d{6}$/.test(f.numcli)) return 'numcli : 6 chiffres attendus';
	if (!/^\d{4}$/.test(f.exer)) return 'exer : année sur 4 chiffres attendue';
	if (!/^[A-Za-z0-9]{1,30}$/.test(f.refdet)) return 'refdet : 1 à 30 lettres ou chiffres';
	if (!/^[A-Za-z0-9 ]{1,100}$/.test(f.objet)) return 'objet : lettres, chiffres et espaces';
	if (!/^[1-9]\d{0,9}$/.test(f.montant)) return 'montant : nombre de centimes positif';
	if (f.mel.length < 6 || f.mel.length > 80 || !f.mel.includes('@'))
		return 'mel : adresse de 6 à 80 caractères';
	if (!isUrl(f.urlnotif)) return 'urlnotif : URL attendue';
	if (!isUrl(f.urlredirect)) return 'urlredirect : URL attendue';
	if (!['T', 'X', 'W'].includes(f.saisie)) return 'saisie : T, X ou W';
	return null;
}

const CREATE_FIELDS = [
	'numcli',
	'exer',
	'refdet',
	'objet',
	'montant',
	'mel',
	'urlnotif',
	'urlredirect',
	'saisie'
] as const;

/** Answers one SOAP request: {status, xml}. */
export function answerSoap(db: Db, body: string, now: number): { status: 200 | 500; xml: string } {
	if (/recupererDetailPaiementSecurise[\s>/]/.test(body)) {
		const idop = xmlField(body, 'idOp') ?? '';
		const op = operation(db, idop);
		if (!op || expired(op, now))
			return {
				status: 500,
				xml: faultResponse('FonctionnelleErreur', 'P1', 'IdOp incorrect ou opération purgée')
			};
		if (!op.resultrans)
			return {
				status: 500,
				xml: faultResponse('FonctionnelleErreur', 'P5', 'Transaction en cours de traitement')
			};
		const at = new Date(op.acted_at ?? now);
		const paris = new Intl.DateTimeFormat('fr-FR', {
			timeZone: 'Europe/Paris',
			day: '2-digit',
			month: '2-digit',
			year: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).formatToParts(at);
		const p = (t: string) => paris.find((x) => x.type === t)?.value ?? '';
		return {
			status: 200,
			xml: detailResponse({
				dattrans: `${p('day')}${p('month')}${p('year')}`,
				exer: op.exer,
				heurtrans: `${p('hour')}${p('minute')}`,
				idOp: op.idop,
				mel: op.mel,
				montant: String(op.montant),
				numauto: op.numauto ?? '',
				numcli: op.numcli,
				objet: op.objet,
				refdet: op.refdet,
				resultrans: op.resultrans,
				saisie: op.saisie
			})
		};
	}
	if (/creerPaiementSecurise[\s>/]/.test(body)) {
		const f = Object.fromEntries(CREATE_FIELDS.map((k) => [k, xmlField(body, k) ?? ''])) as Record<
			(typeof CREATE_FIELDS)[number],
			string
		>;
		const invalid = invalidField(f);
		if (invalid)
			return {
				status: 500,
				xml: faultResponse('FonctionnelleErreur', 'O1', `Paramètre invalide — ${invalid}`)
			};
		const idop = randomBytes(16).toString('hex');
		db.prepare(
			`INSERT INTO payfip_sim_operations (idop, numcli, exer, refdet, objet, montant, mel, urlnotif,
				urlredirect, saisie, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			idop,
			f.numcli,
			f.exer,
			f.refdet,
			f.objet,
			Number(f.montant),
			f.mel,
			f.urlnotif,
			f.urlredirect,
			f.saisie,
			now
		);
		return { status: 200, xml: createdResponse(idop) };
	}
	return {
		status: 500,
		xml: faultResponse('TechProtocolaireErreur', 'T1', 'Opération SOAP inconnue')
	};
}

export type PayerChoice = 'pay' | 'refuse' | 'cancel';

/**
 * The payer's choice, recorded once (a second click changes nothing): returns the operation as
 * settled, or null when it was already settled or has expired.
 */
export function settle(
	db: Db,
	idop: string,
	choice: PayerChoice,
	means: 'card' | 'debit',
	notify: Notify,
	now: number
): SimOperation | null {
	const op = operation(db, idop);
	if (!op || op.resultrans || expired(op, now)) return null;
	const resultrans =
		choice === 'cancel'
			? 'A'
			: choice === 'pay'
				? means === 'debit'
					? 'V'
					: 'P'
				: means === 'debit'
					? 'Z'
					: 'R';
	const numauto = choice === 'pay' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
	const changed = db
		.prepare(
			`UPDATE payfip_sim_operations SET resultrans = ?, acted_at = ?, numauto = ?, notify = ?,
				notify_due_at = ? WHERE idop = ? AND resultrans IS NULL`
		)
		.run(
			resultrans,
			now,
			numauto,
			notify,
			notify === 'delayed' ? now + NOTIFY_DELAY_MS : null,
			idop
		).changes;
	return changed ? (operation(db, idop) ?? null) : null;
}
