// Prepared statements kept per connection, for the statements a bulk operation (a commission's
// close: thousands of families) runs once per row: preparing the same SQL each time costs more
// than running it. Never call .pluck()/.raw()/.expand() on a cached statement: that state is shared.
import type { Statement } from 'better-sqlite3';
import type { Db } from './index';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function cachedStatement(db: Db, sql: string): Statement {
	let map = cache.get(db);
	if (!map) cache.set(db, (map = new Map()));
	let s = map.get(sql);
	if (!s) map.set(sql, (s = db.prepare(sql)));
	return s;
}
