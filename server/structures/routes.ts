// The structures on the staff desk (/api/agent/structures): every agent reads them, only admins
// change them (name, commune, places by age group, offered to families or not).
import { Hono } from 'hono';
import { StructureInput } from '../../src/lib/domain/structures';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { allStructures, updateStructure } from './structures';

export const deskStructureRoutes = new Hono<AppEnv>()
	.get('/structures', (c) => c.json({ structures: allStructures(c.var.deps.db) }, 200))
	.put('/structures/:id', requireRole('admin'), async (c) => {
		const input = await parseJson(c, StructureInput);
		const { db, clock } = c.var.deps;
		const structure = updateStructure(db, c.req.param('id'), input, c.var.user!.id, clock.now());
		if (!structure) throw new ApiError(404, 'not_found', 'Cette structure n’existe pas.');
		return c.json({ structure }, 200);
	});
