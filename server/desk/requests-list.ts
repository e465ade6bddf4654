// The staff desk's requests list (issue 9, item 3): GET /requests (filters, search, sort, keyset
// pagination), GET /requests.csv (the same rows, all of them, streamed page by page) and
// GET /inbox/count (requests waiting for an agent).
import { Hono } from 'hono';
import type { Context } from 'hono';
import { INBOX_REQUEST_STATUSES } from '../../src/lib/domain/request-status';
import { todayInParis } from '../../src/lib/domain/validation';
import { audit } from '../audit/audit';
import type { AppEnv } from '../http/env';
import { refreshRequestIndex, type PersonName } from './request-index';
import { listRequests, parseListQuery, type IndexRow, type ListQuery } from './request-query';
import { CSV_BOM, CSV_HEADERS, csvLine, csvRow } from './requests-csv';

const CSV_PAGE = 500;

function readQuery(c: Context<AppEnv>): ListQuery {
	const { db } = c.var.deps;
	const exists = db.prepare('SELECT 1 FROM structures WHERE id = ?');
	const query = parseListQuery(new URL(c.req.url).searchParams, (id) => !!exists.get(id));
	// Requests inserted without their names (older ones, a family that changed name): filled now.
	refreshRequestIndex(db);
	return query;
}

function item(row: IndexRow) {
	return {
		number: row.number,
		type: row.type,
		status: row.status,
		submittedAt: row.submitted_at,
		updatedAt: row.updated_at,
		householdId: row.household_id,
		people: JSON.parse(row.people) as PersonName[],
		family: { lastName: row.family_last_name, firstNames: row.family_first_names },
		structureIds: [row.choice1, row.choice2, row.choice3].filter((id) => id !== null),
		wishedDate: row.wished_date,
		commission: row.commission
	};
}

export const listRoutes = new Hono<AppEnv>()
	.get('/requests', (c) => {
		const page = listRequests(c.var.deps.db, readQuery(c));
		return c.json({ items: page.rows.map(item), nextCursor: page.nextCursor }, 200);
	})
	.get('/requests.csv', (c) => {
		const { db, clock } = c.var.deps;
		const first = readQuery(c);
		const names = new Map(
			(db.prepare('SELECT id, name FROM structures').all() as { id: string; name: string }[]).map(
				(s) => [s.id, s.name]
			)
		);
		// An export holds many families' names: recorded like a view, with the filters used.
		audit(
			db,
			{
				actorId: c.get('user')!.id,
				action: 'requests.export',
				detail: { query: new URL(c.req.url).search }
			},
			clock.now()
		);
		let query: ListQuery | null = { ...first, limit: CSV_PAGE };
		const encoder = new TextEncoder();
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(encoder.encode(CSV_BOM + csvLine(CSV_HEADERS)));
			},
			pull(controller) {
				if (!query) return controller.close();
				const page = listRequests(db, query);
				const text = page.rows.map((r) => csvRow(r, (id) => names.get(id) ?? id)).join('');
				if (text) controller.enqueue(encoder.encode(text));
				query = page.next ? { ...query, cursor: page.next } : null;
			}
		});
		const day = todayInParis(new Date(clock.now()));
		return c.body(body, 200, {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="demandes-${day}.csv"`
		});
	})
	.get('/inbox/count', (c) => {
		const statuses = INBOX_REQUEST_STATUSES;
		const row = c.var.deps.db
			.prepare(
				`SELECT COUNT(*) AS count FROM requests WHERE status IN (${statuses.map(() => '?').join(', ')})`
			)
			.get(...statuses) as { count: number };
		return c.json({ count: row.count }, 200);
	});
