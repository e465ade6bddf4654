// Public reference data: the structures (crèches) offered in pre-registration, and the
// service's contact address (shown by the accessibility statement).
import { Hono } from 'hono';
import type { AppEnv } from '../http/env';

export const referenceRoutes = new Hono<AppEnv>()
	.get('/structures', (c) => {
		const structures = c.var.deps.db
			.prepare(
				'SELECT id, name, label, commune, capacity FROM structures WHERE active = 1 ORDER BY position'
			)
			.all();
		return c.json({ structures }, 200);
	})
	.get('/contact', (c) => c.json({ email: c.var.deps.config.serviceEmail }, 200));
