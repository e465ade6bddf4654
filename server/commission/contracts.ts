// The contracts accepted places became — what billing starts from. Staff list them all (optionally
// one structure's); a signed-in parent lists its own household's only.
import { Hono } from 'hono';
import type { Db } from '../db';
import type { AppEnv } from '../http/env';
import { errorBody } from '../http/errors';
import { requireRole } from '../http/session-middleware';

interface ContractRow {
	id: string;
	number: number | null; // null for a contract entered at the desk
	structure_id: string;
	structure_name: string;
	child_id: string;
	child_name: string;
	start_date: string;
	age_group: string;
	status: string;
	created_at: number;
	household_id: string;
}

const SELECT = `SELECT c.id, r.number, c.structure_id, s.name AS structure_name, c.child_id, c.child_name,
	c.start_date, c.age_group, c.status, c.created_at, c.household_id
	FROM contracts c LEFT JOIN requests r ON r.id = c.request_id JOIN structures s ON s.id = c.structure_id`;

const view = (r: ContractRow) => ({
	id: r.id,
	number: r.number,
	structureId: r.structure_id,
	structureName: r.structure_name,
	child: { id: r.child_id, name: r.child_name },
	startDate: r.start_date,
	ageGroup: r.age_group,
	status: r.status,
	createdAt: new Date(r.created_at).toISOString()
});

/** The family's name for the desk: its reference parent's. */
function familyOf(db: Db, householdId: string) {
	const row = db
		.prepare(
			`SELECT last_name, first_names FROM users WHERE household_id = ? AND role = 'parent'
			 ORDER BY created_at, id LIMIT 1`
		)
		.get(householdId) as { last_name: string; first_names: string } | undefined;
	return { lastName: row?.last_name ?? '', firstNames: row?.first_names ?? '' };
}

/** GET /api/agent/contracts?structure= (staff, mounted under the desk's guard). */
export const deskContractRoutes = new Hono<AppEnv>().get('/contracts', (c) => {
	const { db } = c.var.deps;
	const structure = c.req.query('structure');
	const rows = (
		structure
			? db
					.prepare(`${SELECT} WHERE c.structure_id = ? ORDER BY c.start_date, r.number`)
					.all(structure)
			: db.prepare(`${SELECT} ORDER BY c.start_date, r.number`).all()
	) as ContractRow[];
	return c.json(
		{ items: rows.map((r) => ({ ...view(r), family: familyOf(db, r.household_id) })) },
		200
	);
});

/** GET /api/family/contracts (a signed-in parent: its own household's). */
export const familyContractRoutes = new Hono<AppEnv>()
	.use('*', requireRole('parent'))
	.get('/contracts', (c) => {
		const householdId = c.var.user!.householdId;
		if (!householdId)
			return c.json(errorBody('forbidden', 'Vous n’avez pas accès à cette page.'), 403);
		const rows = c.var.deps.db
			.prepare(`${SELECT} WHERE c.household_id = ? ORDER BY c.start_date, r.number`)
			.all(householdId) as ContractRow[];
		return c.json({ items: rows.map(view) }, 200);
	});
