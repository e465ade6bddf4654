// The public tariff API (no session): GET /api/tariff/quote (the contract) and
// GET /api/tariff/scale (the dated scale the simulator page keeps on the device, cacheable five
// minutes: the same answer for everyone). Both read the scale admins edit (server/billing/scale.ts).
import { Hono } from 'hono';
import { todayInParis } from '../../src/lib/domain/validation';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { PUBLIC_CACHE_CONTROL } from '../commission/public-routes';
import {
	noScaleMessage,
	quoteOn,
	readQuoteQuery,
	type PublicScale
} from '../../src/lib/domain/tariff-quote';
import { billingParameter, loadScale } from './scale';
import type { Db } from '../db';

/** The default weeks a year on `date`; 47 before the parameter's first value. */
export function defaultWeeks(db: Db, date: string): number {
	try {
		return billingParameter(db, 'default_weeks_per_year', date);
	} catch {
		return 47;
	}
}

export function publicScale(db: Db, today: string): PublicScale {
	const scale = loadScale(db);
	return {
		effortRates: scale.effortRates,
		bounds: scale.bounds.map((b) => ({ ...b, note: b.note ?? null })),
		defaults: { weeksPerYear: defaultWeeks(db, today) }
	};
}

export const publicTariffRoutes = new Hono<AppEnv>()
	.get('/tariff/quote', (c) => {
		const { db, clock } = c.var.deps;
		const read = readQuoteQuery(c.req.query(), {
			today: todayInParis(new Date(clock.now())),
			weeksPerYear: (date) => defaultWeeks(db, date)
		});
		if (!read.ok) throw new ApiError(400, 'validation', read.message, read.fields);
		const scale = loadScale(db);
		const answer = quoteOn(scale, read.value);
		if (!answer) {
			const message = noScaleMessage(scale);
			throw new ApiError(400, 'no_scale', message, { date: message });
		}
		return c.json(answer, 200);
	})
	.get('/tariff/scale', (c) => {
		const { db, clock } = c.var.deps;
		c.header('Cache-Control', PUBLIC_CACHE_CONTROL);
		return c.json(publicScale(db, todayInParis(new Date(clock.now()))), 200);
	});
