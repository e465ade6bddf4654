// The commission's settings an admin edits (settings table): how many days a family has to answer
// a place offered, and how many days before a session families are asked to confirm.
import { statement } from './statements';
import * as v from 'valibot';
import { OFFER_DEADLINE_DAYS, REMINDER_DAYS } from '../../src/lib/domain/commission';
import type { Db } from '../db';

export const OFFER_DEADLINE_KEY = 'commission.offerDeadlineDays';
export const REMINDER_DAYS_KEY = 'commission.reminderDays';

export interface CommissionSettings {
	offerDeadlineDays: number;
	reminderDays: number;
}

const days = (label: string, min: number) =>
	v.pipe(
		v.number(`Le champ « ${label} » doit être un nombre de jours.`),
		v.integer(`Le champ « ${label} » doit être un nombre entier de jours.`),
		v.minValue(min, `Le champ « ${label} » doit valoir au moins ${min}.`),
		v.maxValue(90, `Le champ « ${label} » ne peut pas dépasser 90 jours.`)
	);

export const SettingsInput = v.object({
	offerDeadlineDays: days('Délai pour répondre', 1),
	reminderDays: days('Rappel avant la commission', 0)
});

function read(db: Db, key: string, fallback: number): number {
	const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as
		{ value: string } | undefined;
	const n = row ? Number(row.value) : NaN;
	return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

/** The settings in force (defaults from src/lib/domain/commission.ts). */
export function commissionSettings(db: Db): CommissionSettings {
	return {
		offerDeadlineDays: read(db, OFFER_DEADLINE_KEY, OFFER_DEADLINE_DAYS),
		reminderDays: read(db, REMINDER_DAYS_KEY, REMINDER_DAYS)
	};
}

/** Stores both settings. Inside the caller's transaction. */
export function saveCommissionSettings(db: Db, s: CommissionSettings): void {
	const put = db.prepare(
		'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
	);
	put.run(OFFER_DEADLINE_KEY, String(s.offerDeadlineDays));
	put.run(REMINDER_DAYS_KEY, String(s.reminderDays));
}
