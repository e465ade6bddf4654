// The desk's contracts for billing (mounted under /api/agent): families to pick a child from,
// contracts with their terms and anomalies, a contract entered at the desk, terms and amendments,
// the end of a contract. Staff and admins.
import { Hono } from 'hono';
import {
	EndContractInput,
	NewContractInput,
	TermsInput
} from '../../src/lib/domain/contract-terms';
import type { AppEnv } from '../http/env';
import { ApiError, parseJson } from '../http/errors';
import { contractDetail, listContracts } from './contract-views';
import { CONTRACT_NOT_FOUND, addTerms, createDeskContract, endContract } from './contract-writes';
import { householdChildren } from './household-children';

export const billingContractRoutes = new Hono<AppEnv>()
	.get('/billing/families', (c) => {
		const { db } = c.var.deps;
		const q = (c.req.query('q') ?? '').trim();
		const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
		const parents = db
			.prepare(
				`SELECT household_id, last_name, first_names, email FROM users
				 WHERE role = 'parent' AND household_id IS NOT NULL
				 AND (last_name LIKE ? ESCAPE '\\' OR first_names LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')
				 ORDER BY last_name, first_names, id LIMIT 50`
			)
			.all(like, like, like) as {
			household_id: string;
			last_name: string;
			first_names: string;
			email: string;
		}[];
		const seen = new Set<string>();
		const items = [];
		for (const p of parents) {
			if (seen.has(p.household_id)) continue;
			seen.add(p.household_id);
			items.push({
				householdId: p.household_id,
				lastName: p.last_name,
				firstNames: p.first_names,
				email: p.email,
				children: householdChildren(db, p.household_id)
			});
			if (items.length === 20) break;
		}
		return c.json({ items }, 200);
	})
	.get('/billing/contracts', (c) => {
		const { db, clock } = c.var.deps;
		const items = listContracts(db, clock.now(), {
			structure: c.req.query('structure') || undefined,
			q: c.req.query('q') || undefined,
			status: c.req.query('status') || undefined
		});
		return c.json({ items }, 200);
	})
	.get('/billing/contracts/:id', (c) => {
		const { db, clock } = c.var.deps;
		const detail = contractDetail(db, clock.now(), c.req.param('id'));
		if (!detail) throw new ApiError(404, 'not_found', CONTRACT_NOT_FOUND);
		return c.json(detail, 200);
	})
	.post('/billing/contracts', async (c) => {
		const input = await parseJson(c, NewContractInput);
		const { db, clock } = c.var.deps;
		const id = createDeskContract(db, input, c.var.user!.id, clock.now());
		return c.json({ id }, 201);
	})
	.post('/billing/contracts/:id/terms', async (c) => {
		const input = await parseJson(c, TermsInput);
		const { db, clock } = c.var.deps;
		const res = addTerms(db, c.req.param('id'), input, c.var.user!.id, clock.now());
		return c.json(res, 201);
	})
	.post('/billing/contracts/:id/end', async (c) => {
		const input = await parseJson(c, EndContractInput);
		const { db, clock } = c.var.deps;
		endContract(db, c.req.param('id'), input, c.var.user!.id, clock.now());
		return c.json(contractDetail(db, clock.now(), c.req.param('id')), 200);
	});
