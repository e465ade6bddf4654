// Prepared statements kept per connection: the close applies hundreds of outcomes in one
// transaction, and preparing the same SQL for each costs more than running it.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function statement(db: Db, sql: string): Statement {
	let map = cache.get(db);
	if (!map) cache.set(db, (map = new Map()));
	let s = map.get(sql);
	if (!s) map.set(sql, (s = db.prepare(sql)));
	return s;
}
