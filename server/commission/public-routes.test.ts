// GET /api/commission: what every parent (signed in or not) reads on « Comment sont attribuées les
// places », and keeps on the device: the year's sessions and the grid in force.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_GRID } from '../../src/lib/domain/commission-score';
import { SESSION_COOKIE } from '../auth/session';
import { createHarness, signedInStaff, type CookieJar, type Harness } from '../test/harness';

let h: Harness;
let admin: CookieJar;
beforeEach(async () => {
	h = createHarness(); // its clock: 26 novembre 2026
	admin = (await signedInStaff(h, 'admin')).jar;
});

const plan = (date: string, periodStart: string, periodEnd: string) =>
	h.call('POST', '/api/agent/commission/sessions', { date, periodStart, periodEnd }, admin);

describe('GET /api/commission', () => {
	it('anonymous: this year’s sessions by date, the grid in force, cacheable 5 minutes', async () => {
		await plan('2026-12-15', '2027-01-01', '2027-03-31');
		await plan('2026-03-16', '2026-04-01', '2026-06-30');
		await plan('2025-12-15', '2026-01-01', '2026-03-31'); // last year: not shown
		const res = await h.call('GET', '/api/commission');
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('public, max-age=300');
		const body = await res.json();
		expect(Object.keys(body).sort()).toEqual(
			['criteria', 'graceHours', 'gridVersion', 'offerDeadlineDays', 'sessions'].sort()
		);
		expect(body.sessions.map((s: { date: string }) => s.date)).toEqual([
			'2026-03-16',
			'2026-12-15'
		]);
		expect(body.sessions[0]).toEqual({
			id: expect.any(String),
			date: '2026-03-16',
			periodStart: '2026-04-01',
			periodEnd: '2026-06-30',
			state: 'planned'
		});
		expect(body.criteria).toEqual(
			DEFAULT_GRID.map((c) => ({ id: c.id, label: c.label, points: c.points }))
		);
		expect(body).toMatchObject({ gridVersion: 1, offerDeadlineDays: 15, graceHours: 48 });
	});

	it('follows the admins’ edits: a new grid version, another answer delay', async () => {
		await h.call(
			'PUT',
			'/api/agent/commission/grid',
			{ criteria: DEFAULT_GRID.slice(0, 2), note: 'Deux critères' },
			admin
		);
		await h.call(
			'PUT',
			'/api/agent/commission/settings',
			{ offerDeadlineDays: 8, reminderDays: 14 },
			admin
		);
		const body = await (await h.call('GET', '/api/commission')).json();
		expect(body.gridVersion).toBe(2);
		expect(body.criteria).toHaveLength(2);
		expect(body.offerDeadlineDays).toBe(8);
	});

	it('never cacheable by others when the answer sets a cookie (a session renewed or cleared)', async () => {
		const res = await h.call('GET', '/api/commission', undefined, undefined, {
			cookie: `${SESSION_COOKIE}=jeton-perime`
		});
		expect(res.status).toBe(200);
		expect(res.headers.getSetCookie().length).toBeGreaterThan(0);
		expect(res.headers.get('cache-control')).toBe('no-store');
	});

	it('the rest of the API stays uncached', async () => {
		const res = await h.call('GET', '/api/news');
		expect(res.headers.get('cache-control')).toBe('no-store');
	});
});
