// The commission's planning on the staff desk (/api/agent/commission/…, behind the desk's
// staff/admin guard): sessions, the scoring grid, capacities, settings, agents' manual checks.
// Only admins plan, edit the grid, capacities and settings (requireRole('admin') per route). Every
// change is one transaction with its audit row; a 400 writes nothing.
import { Hono } from 'hono';

import { CRITERION_RULES, gridProblems } from '../../src/lib/domain/commission-score';
import { audit } from '../audit/audit';
import { findRequest } from '../desk/request-file';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { CapacitiesInput, capacityItems, saveCapacities } from './capacities';
import { CheckInput, checksOf, setCheck } from './checks';
import { gridInForce, gridVersion, saveGrid, type Grid } from './grid';
import {
	createSession,
	deleteSession,
	eligibleCount,
	planYear,
	PlanYearInput,
	requirePlanned,
	requireSession,
	SessionInput,
	sessionsFrom,
	updateSession
} from './sessions';
import { commissionSettings, saveCommissionSettings, SettingsInput } from './settings';

const admin = requireRole('admin');

const RULES = Object.entries(CRITERION_RULES).map(([rule, r]) => ({
	rule,
	source: r.source,
	label: r.label
}));

const gridBody = (g: Grid) => ({ ...g, rules: RULES });

export const GRID_NOT_FOUND = 'Cette version de la grille n’existe pas.';
export const CAPACITIES_CLOSED =
	'Cette commission est close : ses places ne peuvent plus être modifiées.';

/** The body as JSON, or a 400 (for inputs checked by a domain function, not a schema). */
async function jsonBody(c: { req: { json(): Promise<unknown> } }): Promise<unknown> {
	try {
		return await c.req.json();
	} catch {
		throw new ApiError(400, 'invalid_json', 'La requête est illisible (JSON attendu).');
	}
}

export const commissionPlanRoutes = new Hono<AppEnv>()
	// ── Sessions ──────────────────────────────────────────────────────────
	.get('/commission/sessions', (c) => {
		const { db } = c.var.deps;
		// Every session (a few a year), or those from ?from=YYYY-MM-DD on.
		const from = c.req.query('from') ?? '';
		const items = sessionsFrom(db, /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : '0000-01-01').map(
			(s) => ({ ...s, eligible: eligibleCount(db, s) })
		);
		return c.json({ items }, 200);
	})
	.post('/commission/sessions', admin, async (c) => {
		const input = await parseJson(c, SessionInput);
		const { db, clock } = c.var.deps;
		const now = clock.now();
		const session = db.transaction(() => {
			const s = createSession(db, input, commissionSettings(db).reminderDays, now);
			audit(
				db,
				{ actorId: c.var.user!.id, action: 'commission.session.create', detail: { ...s } },
				now
			);
			return s;
		})();
		return c.json({ session }, 201);
	})
	.post('/commission/sessions/plan-year', admin, async (c) => {
		const { year } = await parseJson(c, PlanYearInput);
		const { db, clock } = c.var.deps;
		const now = clock.now();
		const items = db.transaction(() => {
			const created = planYear(db, year, commissionSettings(db).reminderDays, now);
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'commission.plan-year',
					detail: { year, dates: created.map((s) => s.date) }
				},
				now
			);
			return created;
		})();
		return c.json({ items }, 201);
	})
	.put('/commission/sessions/:id', admin, async (c) => {
		const { db, clock } = c.var.deps;
		requirePlanned(db, c.req.param('id'));
		const input = await parseJson(c, SessionInput);
		const now = clock.now();
		const session = db.transaction(() => {
			const s = updateSession(db, c.req.param('id'), input, now);
			audit(
				db,
				{ actorId: c.var.user!.id, action: 'commission.session.update', detail: { ...s } },
				now
			);
			return s;
		})();
		return c.json({ session }, 200);
	})
	.delete('/commission/sessions/:id', admin, (c) => {
		const { db, clock } = c.var.deps;
		const now = clock.now();
		db.transaction(() => {
			const row = deleteSession(db, c.req.param('id'));
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'commission.session.delete',
					detail: { id: row.id, date: row.date }
				},
				now
			);
		})();
		return c.body(null, 204);
	})
	// ── Capacities ────────────────────────────────────────────────────────
	.get('/commission/sessions/:id/capacities', (c) => {
		const { db } = c.var.deps;
		const session = requireSession(db, c.req.param('id'));
		return c.json({ items: capacityItems(db, session.id) }, 200);
	})
	.put('/commission/sessions/:id/capacities', admin, async (c) => {
		const { db, clock } = c.var.deps;
		const session = requirePlanned(db, c.req.param('id'), CAPACITIES_CLOSED);
		const input = await parseJson(c, CapacitiesInput);
		const now = clock.now();
		const items = db.transaction(() => {
			saveCapacities(db, session.id, input);
			const saved = capacityItems(db, session.id);
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'commission.capacities',
					detail: { sessionId: session.id, date: session.date, items: input.items }
				},
				now
			);
			return saved;
		})();
		return c.json({ items }, 200);
	})
	// ── The scoring grid ──────────────────────────────────────────────────
	.get('/commission/grid', (c) => {
		const { db, clock } = c.var.deps;
		return c.json(gridBody(gridInForce(db, clock.now())), 200);
	})
	.put('/commission/grid', admin, async (c) => {
		const checked = gridProblems(await jsonBody(c));
		if (!checked.ok) throw new ApiError(400, 'validation', checked.message, checked.fields);
		const { db, clock } = c.var.deps;
		const now = clock.now();
		const grid = db.transaction(() => {
			const g = saveGrid(
				db,
				checked.value.criteria,
				checked.value.note?.trim() || null,
				c.var.user!.id,
				now
			);
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'commission.grid',
					detail: { version: g.version, note: g.note }
				},
				now
			);
			return g;
		})();
		return c.json(gridBody(grid), 200);
	})
	.get('/commission/grid/:version', (c) => {
		const { db, clock } = c.var.deps;
		gridInForce(db, clock.now()); // version 1 exists once anyone asked
		const raw = c.req.param('version');
		const grid = /^[1-9][0-9]{0,8}$/.test(raw) ? gridVersion(db, Number(raw)) : null;
		if (!grid) throw new ApiError(404, 'not_found', GRID_NOT_FOUND);
		return c.json(gridBody(grid), 200);
	})
	// ── Settings ──────────────────────────────────────────────────────────
	.get('/commission/settings', admin, (c) => c.json(commissionSettings(c.var.deps.db), 200))
	.put('/commission/settings', admin, async (c) => {
		const input = await parseJson(c, SettingsInput);
		const { db, clock } = c.var.deps;
		const now = clock.now();
		db.transaction(() => {
			saveCommissionSettings(db, input);
			audit(
				db,
				{ actorId: c.var.user!.id, action: 'commission.settings', detail: { ...input } },
				now
			);
		})();
		return c.json(commissionSettings(db), 200);
	})
	// ── An agent's check of a manual criterion ────────────────────────────
	.put('/commission/requests/:number/checks/:criterionId', async (c) => {
		const { db, clock } = c.var.deps;
		const req = findRequest(db, c.req.param('number'));
		const input = await parseJson(c, CheckInput);
		const criterionId = c.req.param('criterionId');
		const now = clock.now();
		db.transaction(() => {
			setCheck(db, req.id, criterionId, input, c.var.user!.id, now);
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'commission.check',
					householdId: req.household_id,
					detail: { number: req.number, criterionId, met: input.met, note: input.note ?? null }
				},
				now
			);
		})();
		return c.json({ checks: checksOf(db, [req.id])[req.id] ?? {} }, 200);
	});
