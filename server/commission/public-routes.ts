// GET /api/commission (public, no session): the year's sessions and the grid in force, as the
// parents' page « Comment sont attribuées les places » shows them (read offline by the app).
// Cacheable for five minutes: the same answer for everyone.
import { Hono } from 'hono';
import { OFFER_GRACE_HOURS } from '../../src/lib/domain/commission';
import type { AppEnv } from '../http/env';
import { gridInForce } from './grid';
import { parisYearStart, sessionsFrom } from './sessions';
import { commissionSettings } from './settings';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=300';

export const publicCommissionRoutes = new Hono<AppEnv>().get('/commission', (c) => {
	const { db, clock } = c.var.deps;
	const now = clock.now();
	const grid = gridInForce(db, now);
	const sessions = sessionsFrom(db, parisYearStart(now)).map((s) => ({
		id: s.id,
		date: s.date,
		periodStart: s.periodStart,
		periodEnd: s.periodEnd,
		state: s.state
	}));
	c.header('Cache-Control', PUBLIC_CACHE_CONTROL);
	return c.json(
		{
			sessions,
			criteria: grid.criteria.map((k) => ({ id: k.id, label: k.label, points: k.points })),
			gridVersion: grid.version,
			offerDeadlineDays: commissionSettings(db).offerDeadlineDays,
			graceHours: OFFER_GRACE_HOURS
		},
		200
	);
});
