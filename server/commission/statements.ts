// Prepared statements kept per connection (server/db/statement-cache.ts).
export { cachedStatement as statement } from '../db/statement-cache';
