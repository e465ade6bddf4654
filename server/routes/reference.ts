// Public reference data: the structures (crèches) offered in pre-registration.
import { Hono } from 'hono';
import type { AppEnv } from '../http/env';

export const referenceRoutes = new Hono<AppEnv>().get('/structures', (c) => {
	const structures = c.var.deps.db
		.prepare(
			'SELECT id, name, label, commune, capacity FROM structures WHERE active = 1 ORDER BY position'
		)
		.all();
	return c.json({ structures }, 200);
});
