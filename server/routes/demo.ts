// Demo-only mailbox: the mails the app would have sent, when no SMTP server is configured.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { errorBody } from '../http/errors';

export const demoRoutes = new Hono<AppEnv>()
	.use(async (c, next) => {
		if (!c.var.deps.config.demo || c.var.deps.config.smtpUrl)
			return c.json(
				errorBody('not_found', 'Cette page n’existe que dans la version de démonstration.'),
				404
			);
		return next();
	})
	.get('/mails', (c) => {
		const rows = c.var.deps.db
			.prepare(
				'SELECT id, to_address, subject, text, html, created_at FROM demo_mails ORDER BY id DESC LIMIT 100'
			)
			.all() as {
			id: number;
			to_address: string;
			subject: string;
			text: string;
			html: string;
			created_at: number;
		}[];
		return c.json(
			{
				mails: rows.map((r) => ({
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
