// Configuration comes from the environment only, validated once at start with a clear message.
import * as v from 'valibot';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** SQLite file path, or ':memory:' in tests. */
	databaseFile: string;
	publicUrl: string;
	smtpUrl: string | null;
	mailFrom: string;
	serviceEmail: string;
	production: boolean;
	/** Demo data and the demo mailbox page: on outside production. */
	demo: boolean;
	/** Where the built PWA lives. */
	buildDir: string;
	/** Numbered requests a household may make per rolling 24 h (SYNC_SPEC S-PROJ-5). */
	requestsPerHouseholdPerDay: number;
	/** Reverse proxies whose X-Forwarded-For is believed (normalised IP addresses). */
	trustedProxies: string[];
	/** Spaces that may be created from one client address in an hour. */
	registrationsPerHour: number;
	/** Days the audit log keeps a row before the daily purge removes it. */
	auditRetentionDays: number;
	/** Where the signed webhook posts each request event, or null (no webhook). */
	webhookUrl: string | null;
	/** The HMAC-SHA256 key of the webhook's X-Signature (set whenever webhookUrl is). */
	webhookSecret: string | null;
	/** Online payment of invoices (PayFiP), see server/billing/payment/. */
	payfip: PayfipConfig;
}

/** 'simulateur': the local simulator (demo, tests); 'T' test, 'X' activation, 'W' production. */
export type PayfipMode = 'simulateur' | 'T' | 'X' | 'W';

export interface PayfipConfig {
	mode: PayfipMode;
	/** The authority's 6-digit PayFiP client number ('000000' for the simulator), null: payments off. */
	numcli: string | null;
	/** The SOAP endpoint (creerPaiementSecurise, recupererDetailPaiementSecurise). */
	soapUrl: string;
	/** The payment page the payer's browser is sent to (?idop=). */
	paymentUrl: string;
}

export const PAYFIP_SOAP_URL = 'https://www.payfip.gouv.fr/tpa/services/securite';
export const PAYFIP_PAYMENT_URL = 'https://www.payfip.gouv.fr/tpa/paiementws.web';
/** Where the simulator answers, under the app's own public URL. */
export const PAYFIP_SIMULATOR_PATH = '/simulateur-payfip';

/** The simulator's endpoints for an app served at `publicUrl`. */
export function simulatorPayfip(publicUrl: string): PayfipConfig {
	return {
		mode: 'simulateur',
		numcli: '000000',
		soapUrl: `${publicUrl}${PAYFIP_SIMULATOR_PATH}/tpa/services/securite`,
		paymentUrl: `${publicUrl}${PAYFIP_SIMULATOR_PATH}/tpa/paiementws.web`
	};
}

/** Default of AUDIT_RETENTION_DAYS: one year, then the trace of who read a file is purged. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/** Default of REQUESTS_PER_HOUSEHOLD_PER_DAY: well above what a family sends, far below a flood. */
export const DEFAULT_REQUESTS_PER_HOUSEHOLD_PER_DAY = 20;

/** "::ffff:10.0.0.1" (IPv4 seen through an IPv6 socket) is 10.0.0.1; IPv6 lower-cased. */
export function normaliseAddress(address: string): string {
	const a = address.trim().toLowerCase();
	return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

const addressList = v.pipe(
	v.string(),
	v.transform((s) =>
		s
			.split(',')
			.map((a) => a.trim())
			.filter(Boolean)
	),
	v.check(
		(list) => list.every((a) => isIP(a) !== 0),
		'TRUSTED_PROXIES doit être une liste d’adresses IP séparées par des virgules (ex. 10.0.0.2,::1)'
	),
	v.transform((list) => list.map(normaliseAddress))
);

const Env = v.object({
	PORT: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d+$/, 'PORT doit être un nombre entier'),
			v.transform(Number),
			v.number(),
			v.minValue(0, 'PORT doit être compris entre 0 et 65535'),
			v.maxValue(65535, 'PORT doit être compris entre 0 et 65535')
		),
		'3000'
	),
	HOST: v.optional(v.pipe(v.string(), v.nonEmpty('HOST ne peut pas être vide')), '0.0.0.0'),
	DATA_DIR: v.optional(v.pipe(v.string(), v.nonEmpty('DATA_DIR ne peut pas être vide')), './data'),
	PUBLIC_URL: v.optional(v.pipe(v.string(), v.url('PUBLIC_URL doit être une URL (https://…)'))),
	SMTP_URL: v.optional(
		v.pipe(v.string(), v.regex(/^smtps?:\/\//, 'SMTP_URL doit commencer par smtp:// ou smtps://'))
	),
	MAIL_FROM: v.optional(
		v.pipe(v.string(), v.nonEmpty()),
		'Espace Famille <ne-pas-repondre@espace-famille.localhost>'
	),
	SERVICE_EMAIL: v.optional(
		v.pipe(v.string(), v.email('SERVICE_EMAIL doit être une adresse e-mail')),
		'petite-enfance@espace-famille.localhost'
	),
	REQUESTS_PER_HOUSEHOLD_PER_DAY: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^[1-9]\d{0,5}$/, 'REQUESTS_PER_HOUSEHOLD_PER_DAY doit être un entier positif'),
			v.transform(Number)
		)
	),
	NODE_ENV: v.optional(v.picklist(['production', 'development', 'test']), 'development'),
	DEMO: v.optional(v.picklist(['0', '1'])),
	TRUSTED_PROXIES: v.optional(addressList, ''),
	REGISTRATIONS_PER_HOUR: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^[1-9]\d*$/, 'REGISTRATIONS_PER_HOUR doit être un nombre entier positif'),
			v.transform(Number)
		),
		'10'
	),
	AUDIT_RETENTION_DAYS: v.optional(
		v.pipe(
			v.string(),
			v.regex(
				/^[1-9]\d{0,4}$/,
				'AUDIT_RETENTION_DAYS doit être un nombre entier de jours (1 ou plus)'
			),
			v.transform(Number)
		),
		String(DEFAULT_AUDIT_RETENTION_DAYS)
	),
	WEBHOOK_URL: v.optional(
		v.pipe(
			v.string(),
			v.url('WEBHOOK_URL doit être une URL (https://…)'),
			v.regex(/^https?:\/\//, 'WEBHOOK_URL doit commencer par http:// ou https://')
		)
	),
	WEBHOOK_SECRET: v.optional(
		v.pipe(v.string(), v.minLength(16, 'WEBHOOK_SECRET doit contenir au moins 16 caractères'))
	),
	PAYFIP_MODE: v.optional(
		v.picklist(
			['simulateur', 'T', 'X', 'W'],
			'PAYFIP_MODE doit valoir simulateur, T (test), X (activation) ou W (production)'
		)
	),
	PAYFIP_NUMCLI: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{6}$/, 'PAYFIP_NUMCLI doit être le numéro client PayFiP à 6 chiffres')
		)
	),
	PAYFIP_SOAP_URL: v.optional(
		v.pipe(
			v.string(),
			v.url('PAYFIP_SOAP_URL doit être une URL (https://…)'),
			v.regex(/^https?:\/\//, 'PAYFIP_SOAP_URL doit commencer par http:// ou https://')
		),
		PAYFIP_SOAP_URL
	),
	PAYFIP_PAYMENT_URL: v.optional(
		v.pipe(
			v.string(),
			v.url('PAYFIP_PAYMENT_URL doit être une URL (https://…)'),
			v.regex(/^https?:\/\//, 'PAYFIP_PAYMENT_URL doit commencer par http:// ou https://')
		),
		PAYFIP_PAYMENT_URL
	)
});

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const clean = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const parsed = v.safeParse(Env, clean);
	if (!parsed.success) {
		const lines = parsed.issues.map((i) => `  - ${v.getDotPath(i) ?? '?'}: ${i.message}`);
		throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
	}
	const e = parsed.output;
	const production = e.NODE_ENV === 'production';
	if (production) {
		const missing = (['SMTP_URL', 'PUBLIC_URL'] as const).filter((k) => !e[k]);
		if (missing.length)
			throw new ConfigError(
				`Configuration invalide : ${missing.join(' et ')} obligatoire(s) en production (NODE_ENV=production).`
			);
	}
	if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET)
		throw new ConfigError(
			'Configuration invalide : WEBHOOK_SECRET est obligatoire quand WEBHOOK_URL est défini (clé de la signature X-Signature).'
		);
	const dataDir = resolve(e.DATA_DIR);
	const port = e.PORT;
	const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
	const payfipMode = e.PAYFIP_MODE ?? (production ? 'W' : 'simulateur');
	if (payfipMode === 'simulateur' && production)
		throw new ConfigError(
			'Configuration invalide : PAYFIP_MODE=simulateur est interdit en production (aucun paiement réel) : indiquez T, X ou W et PAYFIP_NUMCLI.'
		);
	// Outside production a real PayFiP mode needs its client number; in production without it,
	// online payment is simply off (« pas disponible pour le moment »).
	if (payfipMode !== 'simulateur' && !production && !e.PAYFIP_NUMCLI)
		throw new ConfigError(
			`Configuration invalide : PAYFIP_NUMCLI (numéro client PayFiP à 6 chiffres) est obligatoire avec PAYFIP_MODE=${payfipMode}.`
		);
	const payfip: PayfipConfig =
		payfipMode === 'simulateur'
			? simulatorPayfip(publicUrl)
			: {
					mode: payfipMode,
					numcli: e.PAYFIP_NUMCLI ?? null,
					soapUrl: e.PAYFIP_SOAP_URL,
					paymentUrl: e.PAYFIP_PAYMENT_URL
				};
	return {
		port,
		host: e.HOST,
		dataDir,
		databaseFile: resolve(dataDir, 'espace-famille.sqlite'),
		publicUrl,
		smtpUrl: e.SMTP_URL ?? null,
		mailFrom: e.MAIL_FROM,
		serviceEmail: e.SERVICE_EMAIL,
		production,
		demo: production ? false : e.DEMO !== '0',
		buildDir: resolve('build'),
		requestsPerHouseholdPerDay:
			e.REQUESTS_PER_HOUSEHOLD_PER_DAY ?? DEFAULT_REQUESTS_PER_HOUSEHOLD_PER_DAY,
		trustedProxies: e.TRUSTED_PROXIES,
		registrationsPerHour: e.REGISTRATIONS_PER_HOUR,
		auditRetentionDays: e.AUDIT_RETENTION_DAYS,
		webhookUrl: e.WEBHOOK_URL ?? null,
		webhookSecret: e.WEBHOOK_URL ? (e.WEBHOOK_SECRET ?? null) : null,
		payfip
	};
}

/** A configuration for tests: in-memory database, no SMTP, demo off unless asked. */
export function testConfig(overrides: Partial<Config> = {}): Config {
	return {
		port: 0,
		host: '127.0.0.1',
		dataDir: ':memory:',
		databaseFile: ':memory:',
		publicUrl: 'http://localhost:3000',
		smtpUrl: null,
		mailFrom: 'Espace Famille <ne-pas-repondre@test.localhost>',
		serviceEmail: 'service@test.localhost',
		production: false,
		demo: false,
		buildDir: resolve('build'),
		requestsPerHouseholdPerDay: DEFAULT_REQUESTS_PER_HOUSEHOLD_PER_DAY,
		trustedProxies: [],
		registrationsPerHour: 10,
		auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
		webhookUrl: null,
		webhookSecret: null,
		payfip: simulatorPayfip(overrides.publicUrl ?? 'http://localhost:3000'),
		...overrides
	};
}
