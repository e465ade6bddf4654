// The service's identity and how to pay (billing_settings, one row): printed on invoices and tax
// certificates, edited by admins on « Barème ».
import type { Db } from '../db';
import type { BillingSettings } from '../../src/lib/domain/tariff-admin';

export function billingSettings(db: Db): BillingSettings {
	const row = db.prepare('SELECT body FROM billing_settings WHERE id = 1').get() as
		{ body: string } | undefined;
	const b = (row ? JSON.parse(row.body) : {}) as Partial<BillingSettings>;
	return {
		name: b.name ?? '',
		addressLines: Array.isArray(b.addressLines) ? b.addressLines : [],
		phone: b.phone ?? '',
		email: b.email ?? '',
		siret: b.siret ?? '',
		paymentText: b.paymentText ?? ''
	};
}

export function saveBillingSettings(
	db: Db,
	settings: BillingSettings,
	userId: string,
	now: number
): void {
	db.prepare(
		`INSERT INTO billing_settings (id, body, updated_at, updated_by) VALUES (1, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,
		 updated_by = excluded.updated_by`
	).run(JSON.stringify(settings), now, userId);
}
