// The staff desk's routes of a session being prepared and closed (mounted under /api/agent):
// the files and the proposal, the agents' adjustments, the close (admins), the minutes PDF and
// the statistics (JSON and CSV).
import { Hono } from 'hono';
import { todayInParis } from '../../src/lib/domain/validation';
import { audit } from '../audit/audit';
import type { AppEnv } from '../http/env';
import { parseJson } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { AdjustmentInput, deleteAdjustment, putAdjustment } from './adjustments';
import { CloseInput, closeSession } from './close';
import { minutesPdf } from './minutes-pdf';
import { requireSession, sessionFilesBody } from './prepare';
import { commissionStats, statsCsv } from './stats';

const BASE = '/commission/sessions/:id';

export const commissionSessionRoutes = new Hono<AppEnv>()
	.get(`${BASE}/files`, (c) => {
		const { db, clock } = c.var.deps;
		return c.json(sessionFilesBody(db, c.req.param('id'), clock.now()), 200);
	})
	.put(`${BASE}/adjustments/:number{[0-9]+}`, async (c) => {
		const { db, clock } = c.var.deps;
		const input = await parseJson(c, AdjustmentInput);
		const id = c.req.param('id');
		putAdjustment(db, c.var.user!, id, c.req.param('number'), input, clock.now());
		return c.json(sessionFilesBody(db, id, clock.now()), 200);
	})
	.delete(`${BASE}/adjustments/:number{[0-9]+}`, (c) => {
		const { db, clock } = c.var.deps;
		const id = c.req.param('id');
		deleteAdjustment(db, c.var.user!, id, c.req.param('number'), clock.now());
		return c.json(sessionFilesBody(db, id, clock.now()), 200);
	})
	.post(`${BASE}/close`, requireRole('admin'), async (c) => {
		const input = await parseJson(c, CloseInput);
		const result = await closeSession(c.var.deps, c.var.user!, c.req.param('id'), input);
		// 202: closed, some families' answers still to send (the resume job finishes them).
		return c.json(result, result.applied === result.total ? 200 : 202);
	})
	.get(`${BASE}/minutes.pdf`, async (c) => {
		const { db, clock } = c.var.deps;
		const anonymous = c.req.query('public') === '1';
		const session = requireSession(db, c.req.param('id'));
		const bytes = await minutesPdf(db, session.id, anonymous, clock.now());
		audit(
			db,
			{
				actorId: c.var.user!.id,
				action: 'commission.minutes',
				detail: { sessionId: session.id, public: anonymous }
			},
			clock.now()
		);
		const name = `proces-verbal-commission-${session.date}${anonymous ? '-public' : ''}.pdf`;
		return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'no-store'
		});
	})
	.get('/commission/stats', (c) => c.json({ items: commissionStats(c.var.deps.db) }, 200))
	.get('/commission/stats.csv', (c) => {
		const { db, clock } = c.var.deps;
		const day = todayInParis(new Date(clock.now()));
		return c.body(statsCsv(commissionStats(db)), 200, {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="commissions-${day}.csv"`
		});
	});
