// Demo-only mailbox: the mails the app would have sent, when no SMTP server is configured.
// It lists every activation and reset link, so only loopback clients may see it (page and API).
import { Hono, type MiddlewareHandler } from 'hono';
import { isLoopback } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { errorBody } from '../http/errors';

/** 404 unless asked from this machine (client address, see client-address.ts); for the API,
 *  also unless in demo mode without SMTP (the page says so itself from that answer). */
export function demoMailboxOnly({ page = false } = {}): MiddlewareHandler<AppEnv> {
	return async function demoMailboxGate(c, next) {
		const { config } = c.var.deps;
		if (!isLoopback(c.var.clientAddress))
			return c.json(errorBody('not_found', 'Cette adresse n’existe pas.'), 404);
		if (page) return next();
		if (!config.demo || config.smtpUrl)
			return c.json(
				errorBody('not_found', 'Cette page n’existe que dans la version de démonstration.'),
				404
			);
		return next();
	};
}

/** One mail of GET /api/demo/mails (the client's DemoMail type is derived from it). */
export interface DemoMailView {
	id: number;
	to: string;
	subject: string;
	text: string;
	html: string | null;
	createdAt: string;
}

export const demoRoutes = new Hono<AppEnv>().use(demoMailboxOnly()).get('/mails', (c) => {
	const rows = c.var.deps.db
		.prepare(
			'SELECT id, to_address, subject, text, html, created_at FROM demo_mails ORDER BY id DESC LIMIT 100'
		)
		.all() as {
		id: number;
		to_address: string;
		subject: string;
		text: string;
		html: string | null;
		created_at: number;
	}[];
	return c.json(
		{
			mails: rows.map((r): DemoMailView => ({
				id: r.id,
				to: r.to_address,
				subject: r.subject,
				text: r.text,
				html: r.html,
				createdAt: new Date(r.created_at).toISOString()
			}))
		},
		200
	);
});
