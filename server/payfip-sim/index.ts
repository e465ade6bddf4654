// The local PayFiP simulator (PAYFIP_MODE=simulateur: demo and tests), mounted at
// /simulateur-payfip in the app's own process. It speaks PayFiP's exchange: the SOAP endpoint
// /tpa/services/securite (creerPaiementSecurise, recupererDetailPaiementSecurise with faults P1
// and P5), the payer's page /tpa/paiementws.web?idop=, the server-to-server notification (form
// `idop` POSTed to urlnotif: immediate, 10 s later, twice, or never) and the browser's return
// (303 to urlredirect?idop=).
import { Hono } from 'hono';
import type { Db } from '../db';
import type { Clock } from '../clock';
import type { FetchLike } from '../billing/payment/provider';
import {
	answerSoap,
	expired,
	NOTIFY_DELAY_MS,
	operation,
	settle,
	type Notify,
	type PayerChoice,
	type SimOperation
} from './operations';
import { messagePage, paymentPage } from './page';

export interface SimulatorDeps {
	db: Db;
	clock: Clock;
	/** How the simulator reaches urlnotif (the app in process, or the network). */
	fetch: FetchLike;
}

const MAX_SOAP_BYTES = 16 * 1024;

const withIdop = (url: string, idop: string) =>
	`${url}${url.includes('?') ? '&' : '?'}idop=${encodeURIComponent(idop)}`;

/** POSTs `idop` to the operation's urlnotif once; a failure is logged, never thrown. */
async function notifyOnce(deps: SimulatorDeps, op: SimOperation): Promise<void> {
	deps.db
		.prepare('UPDATE payfip_sim_operations SET notifications = notifications + 1 WHERE idop = ?')
		.run(op.idop);
	try {
		const res = await deps.fetch(op.urlnotif, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ idop: op.idop }).toString()
		});
		await res.arrayBuffer();
	} catch (err) {
		console.error('[payfip-sim] notification failed', err);
	}
}

/** Sends the delayed notifications now due (each once); returns how many. */
export async function deliverDueNotifications(deps: SimulatorDeps): Promise<number> {
	const due = deps.db
		.prepare(
			'SELECT idop FROM payfip_sim_operations WHERE notify_due_at IS NOT NULL AND notify_due_at <= ?'
		)
		.all(deps.clock.now()) as { idop: string }[];
	let sent = 0;
	for (const { idop } of due) {
		const claimed = deps.db
			.prepare(
				'UPDATE payfip_sim_operations SET notify_due_at = NULL WHERE idop = ? AND notify_due_at IS NOT NULL'
			)
			.run(idop).changes;
		const op = claimed ? operation(deps.db, idop) : undefined;
		if (op) {
			await notifyOnce(deps, op);
			sent++;
		}
	}
	return sent;
}

async function notify(deps: SimulatorDeps, op: SimOperation, how: Notify) {
	if (how === 'immediate') await notifyOnce(deps, op);
	// Two notifications at once: the app must record the payment once.
	if (how === 'twice') await Promise.all([notifyOnce(deps, op), notifyOnce(deps, op)]);
	if (how === 'delayed') {
		const timer = setTimeout(() => void deliverDueNotifications(deps), NOTIFY_DELAY_MS + 50);
		timer.unref();
	}
}

const NOTIFY_CHOICES: Notify[] = ['immediate', 'delayed', 'twice', 'none'];
const CHOICES: PayerChoice[] = ['pay', 'refuse', 'cancel'];

export function payfipSimulatorRoutes(deps: SimulatorDeps) {
	const html = (body: string, status: 200 | 404 | 409 | 410 | 400 = 200) =>
		new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

	return new Hono()
		.post('/tpa/services/securite', async (c) => {
			const body = await c.req.text();
			const { status, xml } =
				body.length > MAX_SOAP_BYTES
					? answerSoap(deps.db, '', deps.clock.now())
					: answerSoap(deps.db, body, deps.clock.now());
			return c.body(xml, status, { 'content-type': 'text/xml; charset=utf-8' });
		})
		.get('/tpa/paiementws.web', (c) => {
			const op = operation(deps.db, c.req.query('idop') ?? '');
			if (!op)
				return html(
					messagePage('Opération inconnue', 'Cette opération de paiement n’existe pas.'),
					404
				);
			if (expired(op, deps.clock.now()))
				return html(
					messagePage(
						'Opération expirée',
						'Cette opération de paiement a expiré (15 minutes). Recommencez le paiement depuis l’Espace Famille.',
						withIdop(op.urlredirect, op.idop)
					),
					410
				);
			if (op.resultrans)
				return html(
					messagePage(
						'Opération terminée',
						'Ce paiement a déjà été traité.',
						withIdop(op.urlredirect, op.idop)
					),
					409
				);
			return html(paymentPage(op));
		})
		.post('/tpa/paiementws.web', async (c) => {
			const form = await c.req.parseBody();
			const idop = typeof form.idop === 'string' ? form.idop : '';
			const choice = CHOICES.find((x) => x === form.action);
			const how = NOTIFY_CHOICES.find((x) => x === form.notify) ?? 'immediate';
			const means = form.means === 'debit' ? 'debit' : 'card';
			const existing = operation(deps.db, idop);
			if (!existing)
				return html(
					messagePage('Opération inconnue', 'Cette opération de paiement n’existe pas.'),
					404
				);
			if (!choice)
				return html(
					messagePage('Choix manquant', 'Choisissez « Payer », « Refuser » ou « Annuler ».'),
					400
				);
			const op = settle(deps.db, idop, choice, means, how, deps.clock.now());
			if (!op)
				return html(
					messagePage(
						'Opération terminée',
						'Ce paiement a déjà été traité ou a expiré.',
						withIdop(existing.urlredirect, idop)
					),
					409
				);
			await notify(deps, op, how);
			return c.redirect(withIdop(op.urlredirect, op.idop), 303);
		});
}
