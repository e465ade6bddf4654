// The month's run over HTTP (staff, mounted under /api/agent): the preview, starting a run, its
// progress, the list of runs and the print batch.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { planMonth, planTotals } from './month-plan';
import { checkMonth, listRuns, loadRun, runView, startRun } from './run';

const RUN_NOT_FOUND = 'Cette émission de factures n’existe pas.';

export const billingRunRoutes = new Hono<AppEnv>()
	.get('/billing/preview', async (c) => {
		const { db, clock } = c.var.deps;
		const month = checkMonth(c.req.query('month'), clock.now());
		const plan = await planMonth(db, month);
		return c.json(
			{ month, ...planTotals(plan), alreadyIssued: plan.alreadyIssued, anomalies: plan.anomalies },
			200
		);
	})
	.post('/billing/runs', async (c) => {
		const { month } = await parseJson(
			c,
			v.object({ month: v.string('Indiquez le mois à facturer (AAAA-MM).') })
		);
		const id = await startRun(c.var.deps, month, c.var.user!.id);
		return c.json({ id }, 202);
	})
	.get('/billing/runs', (c) => c.json({ items: listRuns(c.var.deps.db).map(runView) }, 200))
	.get('/billing/runs/:id', (c) => {
		const run = loadRun(c.var.deps.db, c.req.param('id'));
		if (!run) throw new ApiError(404, 'not_found', RUN_NOT_FOUND);
		return c.json(runView(run), 200);
	})
	.get('/billing/runs/:id/print.pdf', (c) => {
		const { db } = c.var.deps;
		const run = loadRun(db, c.req.param('id'));
		if (!run) throw new ApiError(404, 'not_found', RUN_NOT_FOUND);
		if (run.status !== 'done')
			throw new ApiError(
				409,
				'running',
				'L’émission est en cours : le lot à imprimer sera prêt à la fin.'
			);
		if (run.print_count === 0)
			throw new ApiError(
				404,
				'nothing_to_print',
				'Aucune facture à imprimer : toutes les familles ont choisi la facture en ligne.'
			);
		const row = db.prepare('SELECT print_batch FROM invoice_runs WHERE id = ?').get(run.id) as {
			print_batch: Buffer;
		};
		return c.body(new Uint8Array(row.print_batch), 200, {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `inline; filename="factures-a-imprimer-${run.month}.pdf"`
		});
	});
