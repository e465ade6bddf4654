// The PSU scale and the service's identity on the staff desk (/api/agent/billing/…): every agent
// reads them; admins add dated values and edit the identity. Each write is one transaction with
// its audit row; a 400 or a 409 writes nothing.
import { Hono } from 'hono';
import {
	BILLING_PARAMETER_LABELS,
	BillingSettingsInput,
	BoundsInput,
	EffortRatesInput,
	ParameterInput
} from '../../src/lib/domain/tariff-admin';
import { todayInParis } from '../../src/lib/domain/validation';
import { audit } from '../audit/audit';
import type { AppEnv } from '../http/env';
import { parseJson } from '../http/errors';
import { requireRole } from '../http/session-middleware';
import { billingSettings, saveBillingSettings } from './billing-settings';
import {
	lastInvoicedMonth,
	requireNotInvoiced,
	saveBounds,
	saveEffortRates,
	saveParameter,
	staffScale
} from './scale-admin';
import { defaultWeeks } from './tariff-routes';

const admin = requireRole('admin');

export const deskScaleRoutes = new Hono<AppEnv>()
	.get('/billing/scale', (c) => {
		const { db, clock } = c.var.deps;
		return c.json(
			{
				...staffScale(db),
				defaults: { weeksPerYear: defaultWeeks(db, todayInParis(new Date(clock.now()))) },
				lastInvoicedMonth: lastInvoicedMonth(db),
				canEdit: c.var.user!.role === 'admin'
			},
			200
		);
	})
	.post('/billing/scale/effort-rates', admin, async (c) => {
		const input = await parseJson(c, EffortRatesInput);
		const { db, clock } = c.var.deps;
		const now = clock.now();
		db.transaction(() => {
			requireNotInvoiced(db, input.effectiveFrom);
			const previous = saveEffortRates(db, input, c.var.user!.id, now);
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'billing.scale.rates',
					detail: { effectiveFrom: input.effectiveFrom, ratesPpm: input.ratesPpm, previous }
				},
				now
			);
		})();
		return c.json({ effectiveFrom: input.effectiveFrom, ratesPpm: input.ratesPpm }, 201);
	})
	.post('/billing/scale/bounds', admin, async (c) => {
		const input = await parseJson(c, BoundsInput);
		const { db, clock } = c.var.deps;
		const now = clock.now();
		db.transaction(() => {
			requireNotInvoiced(db, input.effectiveFrom);
			const previous = saveBounds(db, input, c.var.user!.id, now);
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'billing.scale.bounds',
					detail: {
						effectiveFrom: input.effectiveFrom,
						floorCents: input.floor,
						ceilingCents: input.ceiling,
						note: input.note ?? null,
						previous
					}
				},
				now
			);
		})();
		return c.json(
			{
				effectiveFrom: input.effectiveFrom,
				floorCents: input.floor,
				ceilingCents: input.ceiling,
				note: input.note ?? null
			},
			201
		);
	})
	.post('/billing/scale/parameters', admin, async (c) => {
		const input = await parseJson(c, ParameterInput);
		const { db, clock } = c.var.deps;
		const now = clock.now();
		db.transaction(() => {
			requireNotInvoiced(db, input.effectiveFrom);
			const previous = saveParameter(db, input, c.var.user!.id, now);
			audit(
				db,
				{
					actorId: c.var.user!.id,
					action: 'billing.parameter',
					detail: { ...input, label: BILLING_PARAMETER_LABELS[input.name], previous }
				},
				now
			);
		})();
		return c.json(input, 201);
	})
	.get('/billing/settings', (c) => c.json(billingSettings(c.var.deps.db), 200))
	.put('/billing/settings', admin, async (c) => {
		const input = await parseJson(c, BillingSettingsInput);
		const { db, clock } = c.var.deps;
		const now = clock.now();
		db.transaction(() => {
			saveBillingSettings(db, input, c.var.user!.id, now);
			audit(db, { actorId: c.var.user!.id, action: 'billing.settings', detail: { ...input } }, now);
		})();
		return c.json(billingSettings(db), 200);
	});
