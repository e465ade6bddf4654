// The audit log on the staff desk, for admins only: GET /api/agent/audit?agent=&family=&household=&before=
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { auditEntries, staffAccounts } from './audit';

const PAGE = 100;

const Query = v.object({
	agent: v.optional(v.pipe(v.string(), v.maxLength(100))),
	household: v.optional(v.pipe(v.string(), v.maxLength(100))),
	family: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
	before: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^[1-9]\d{0,15}$/, 'Le repère de page est invalide.'),
			v.transform(Number)
		)
	)
});

export const deskAuditRoutes = new Hono<AppEnv>()
	.use('/audit', requireRole('admin'))
	.use('/audit/*', requireRole('admin'))
	.get('/audit', (c) => {
		const q = v.safeParse(Query, c.req.query());
		if (!q.success) throw new ApiError(400, 'validation', q.issues[0].message);
		const { agent, household, family, before } = q.output;
		const page = auditEntries(c.var.deps.db, {
			actorId: agent || undefined,
			householdId: household || undefined,
			family: family || undefined,
			before,
			limit: PAGE
		});
		return c.json(page, 200);
	})
	.get('/audit/agents', (c) => c.json({ agents: staffAccounts(c.var.deps.db) }, 200));
