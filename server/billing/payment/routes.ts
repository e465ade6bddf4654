// Online payment routes. Family (a signed-in parent, its own household only — another household's
// invoice or payment is a 404): POST /api/family/invoices/:id/payments, GET /api/family/payments/:id.
// PayFiP side (no session, CSRF-exempt in app.ts): POST /api/payfip/notification (form `idop`) and
// GET|POST /api/payfip/retour?idop= (the payer's browser: reconciles, then 303 to the result page).
// Neither trusts what it is told: both only make the app ask PayFiP (recordResult).
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../http/env';
import { ApiError, errorBody, sendError } from '../../http/errors';
import { requireRole } from '../../http/session-middleware';
import { loadInvoice } from '../invoice-rows';
import { paymentById, paymentByIdop, type PaymentRow } from './payments';
import { PaymentProviderError } from './provider';
import { recordResult } from './record';
import { providerError, startPayment } from './start';

/** The payment as the family's result page reads it. */
export function paymentView(db: AppEnv['Variables']['deps']['db'], p: PaymentRow) {
	return {
		id: p.id,
		invoiceId: p.invoice_id,
		number: loadInvoice(db, p.invoice_id)?.number ?? '',
		amountCents: p.amount_cents,
		status: p.status
	};
}

const NOT_FOUND = 'Ce paiement n’existe pas.';

/** The family's result page polls; PayFiP is asked about one payment at most this often. */
export const STATUS_CHECK_EVERY_MS = 5_000;

export const familyPaymentRoutes = new Hono<AppEnv>()
	.use('*', requireRole('parent'))
	.post('/invoices/:id/payments', async (c) => {
		try {
			const started = await startPayment(c.var.deps, c.var.user!, c.req.param('id'));
			return c.json(started, 201);
		} catch (err) {
			if (err instanceof ApiError) return sendError(c, err);
			throw err;
		}
	})
	.get('/payments/:id', async (c) => {
		const { deps, user } = c.var;
		let p = paymentById(deps.db, c.req.param('id'));
		if (!p || !user!.householdId || p.household_id !== user!.householdId)
			return c.json(errorBody('not_found', NOT_FOUND), 404);
		// Still in progress here: ask PayFiP (a missed notification must not leave it pending), at
		// most every few seconds however often the result page polls.
		const now = deps.clock.now();
		if (p.status === 'pending' && p.idop && (p.checked_at ?? 0) <= now - STATUS_CHECK_EVERY_MS) {
			try {
				p = (await recordResult(deps, p.idop)) ?? p;
			} catch (err) {
				if (!(err instanceof PaymentProviderError)) throw err;
				// PayFiP cannot answer now: the page shows « en cours » and asks again.
			}
		}
		return c.json(paymentView(deps.db, p), 200);
	});

async function idopFrom(c: Context<AppEnv>): Promise<string> {
	const q = c.req.query('idop');
	if (q) return q;
	if (c.req.method !== 'POST') return '';
	const type = c.req.header('content-type') ?? '';
	if (!/form/.test(type)) return '';
	const form = await c.req.parseBody();
	return typeof form.idop === 'string' ? form.idop : '';
}

async function returnToFamily(c: Context<AppEnv>) {
	const { deps } = c.var;
	const idop = (await idopFrom(c)).slice(0, 100);
	let payment = idop ? paymentByIdop(deps.db, idop) : undefined;
	if (payment?.idop) {
		try {
			payment = (await recordResult(deps, payment.idop)) ?? payment;
		} catch {
			// The result page asks again (GET /api/family/payments/:id).
		}
	}
	return c.redirect(payment ? `/espace/factures/paiement/${payment.id}` : '/espace/factures', 303);
}

export const payfipRoutes = new Hono<AppEnv>()
	.post('/notification', async (c) => {
		const idop = (await idopFrom(c)).slice(0, 100);
		if (!idop || !paymentByIdop(c.var.deps.db, idop))
			return c.json(errorBody('not_found', 'Opération de paiement inconnue.'), 404);
		try {
			const p = await recordResult(c.var.deps, idop);
			return c.json({ status: p?.status ?? 'pending' }, 200);
		} catch (err) {
			if (err instanceof PaymentProviderError) return sendError(c, providerError(err));
			throw err;
		}
	})
	.get('/retour', returnToFamily)
	.post('/retour', returnToFamily);
