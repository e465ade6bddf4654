// What recordRequestEvent needs to notify, bound once to the database by the composition root
// (its signature stays (db, change, now)), and the service-mail setting admins choose.
import type { Config } from '../config';
import type { Db } from '../db';

export type NotifyConfig = Pick<Config, 'serviceEmail' | 'publicUrl' | 'webhookUrl'>;

const bound = new WeakMap<Db, NotifyConfig>();

/** Makes request events on `db` notify the service and the webhook as `config` says. */
export function bindNotifications(db: Db, config: NotifyConfig): void {
	bound.set(db, {
		serviceEmail: config.serviceEmail,
		publicUrl: config.publicUrl,
		webhookUrl: config.webhookUrl
	});
}

/** Null when nothing was bound: events are recorded, nobody is notified. */
export function notificationsOf(db: Db): NotifyConfig | null {
	return bound.get(db) ?? null;
}

export const SERVICE_MAIL_MODES = ['each', 'digest'] as const;
export type ServiceMailMode = (typeof SERVICE_MAIL_MODES)[number];

const MODE_KEY = 'notifications.serviceMail';

/** 'each' (a mail per new request, the default) or 'digest' (one mail a day). */
export function serviceMailMode(db: Db): ServiceMailMode {
	const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(MODE_KEY) as
		{ value: string } | undefined;
	return row?.value === 'digest' ? 'digest' : 'each';
}

export function setServiceMailMode(db: Db, mode: ServiceMailMode): void {
	db.prepare(
		'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
	).run(MODE_KEY, mode);
}

/** The desk's address of the requests (mails link to it). */
export const deskRequestsUrl = (config: NotifyConfig) => `${config.publicUrl}/agent/demandes`;
