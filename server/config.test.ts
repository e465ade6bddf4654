import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
	it('has working defaults outside production, with demo mode on', () => {
		const c = loadConfig({});
		expect(c).toMatchObject({
			port: 3000,
			production: false,
			demo: true,
			smtpUrl: null,
			publicUrl: 'http://localhost:3000',
			requestsPerHouseholdPerDay: 20
		});
		expect(c.databaseFile).toMatch(/data\/espace-famille\.sqlite$/);
	});

	it('refuses to start in production without SMTP_URL and PUBLIC_URL, and never seeds demo data there', () => {
		expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
			/SMTP_URL et PUBLIC_URL obligatoire/
		);
		const c = loadConfig({
			NODE_ENV: 'production',
			SMTP_URL: 'smtp://mail:25',
			PUBLIC_URL: 'https://famille.example.fr/',
			DEMO: '1'
		});
		expect(c.demo).toBe(false);
		expect(c.publicUrl).toBe('https://famille.example.fr');
	});

	it('explains invalid values', () => {
		expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
		expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT doit être un nombre entier/);
		expect(() => loadConfig({ SMTP_URL: 'http://x' })).toThrow(/smtp:\/\//);
		expect(() => loadConfig({ REQUESTS_PER_HOUSEHOLD_PER_DAY: '0' })).toThrow(/entier positif/);
		expect(loadConfig({ REQUESTS_PER_HOUSEHOLD_PER_DAY: '50' }).requestsPerHouseholdPerDay).toBe(
			50
		);
		expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '-3' })).toThrow(
			/AUDIT_RETENTION_DAYS doit être un nombre entier de jours/
		);
		expect(loadConfig({}).auditRetentionDays).toBe(365);
		expect(loadConfig({ AUDIT_RETENTION_DAYS: '180' }).auditRetentionDays).toBe(180);
	});

	it('reads TRUSTED_PROXIES as a list of IP addresses, with a French error otherwise', () => {
		expect(loadConfig({}).trustedProxies).toEqual([]);
		expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.2, ::1,::FFFF:10.0.0.3' }).trustedProxies).toEqual(
			['10.0.0.2', '::1', '10.0.0.3']
		);
		expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.2,proxy.local' })).toThrow(
			/TRUSTED_PROXIES doit être une liste d’adresses IP/
		);
	});

	it('reads WEBHOOK_URL and WEBHOOK_SECRET together, with French errors otherwise', () => {
		expect(loadConfig({})).toMatchObject({ webhookUrl: null, webhookSecret: null });
		expect(
			loadConfig({
				WEBHOOK_URL: 'http://127.0.0.1:9000/hook',
				WEBHOOK_SECRET: 'un-secret-assez-long'
			})
		).toMatchObject({
			webhookUrl: 'http://127.0.0.1:9000/hook',
			webhookSecret: 'un-secret-assez-long'
		});
		expect(() => loadConfig({ WEBHOOK_URL: 'http://127.0.0.1:9000/hook' })).toThrow(
			/WEBHOOK_SECRET est obligatoire quand WEBHOOK_URL est défini/
		);
		expect(() =>
			loadConfig({ WEBHOOK_URL: 'ftp://x.example/hook', WEBHOOK_SECRET: 'un-secret-assez-long' })
		).toThrow(/WEBHOOK_URL doit commencer par http:\/\/ ou https:\/\//);
		expect(() =>
			loadConfig({ WEBHOOK_URL: 'http://x.example/hook', WEBHOOK_SECRET: 'court' })
		).toThrow(/WEBHOOK_SECRET doit contenir au moins 16 caractères/);
	});

	it('pays through the local PayFiP simulator outside production, under the public URL', () => {
		expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:4321/' }).payfip).toEqual({
			mode: 'simulateur',
			numcli: '000000',
			soapUrl: 'http://127.0.0.1:4321/simulateur-payfip/tpa/services/securite',
			paymentUrl: 'http://127.0.0.1:4321/simulateur-payfip/tpa/paiementws.web'
		});
	});

	it('names the real PayFiP endpoints and the numcli for production', () => {
		const prod = {
			NODE_ENV: 'production',
			SMTP_URL: 'smtp://mail:25',
			PUBLIC_URL: 'https://f.example.fr'
		};
		expect(loadConfig({ ...prod, PAYFIP_NUMCLI: '012345' }).payfip).toEqual({
			mode: 'W',
			numcli: '012345',
			soapUrl: 'https://www.payfip.gouv.fr/tpa/services/securite',
			paymentUrl: 'https://www.payfip.gouv.fr/tpa/paiementws.web'
		});
		// Without a numcli the service starts, payments off (the routes answer 503 in French).
		expect(loadConfig(prod).payfip.numcli).toBeNull();
		expect(() => loadConfig({ ...prod, PAYFIP_MODE: 'simulateur' })).toThrow(
			/PAYFIP_MODE=simulateur est interdit en production/
		);
		expect(() => loadConfig({ PAYFIP_MODE: 'T' })).toThrow(
			/PAYFIP_NUMCLI .* obligatoire avec PAYFIP_MODE=T/
		);
		expect(() => loadConfig({ PAYFIP_MODE: 'Z' })).toThrow(/PAYFIP_MODE doit valoir simulateur, T/);
		expect(() => loadConfig({ PAYFIP_MODE: 'X', PAYFIP_NUMCLI: '12A' })).toThrow(
			/PAYFIP_NUMCLI doit être le numéro client PayFiP à 6 chiffres/
		);
		expect(
			loadConfig({
				PAYFIP_MODE: 'T',
				PAYFIP_NUMCLI: '000111',
				PAYFIP_SOAP_URL: 'http://127.0.0.1:9/soap'
			}).payfip
		).toMatchObject({ mode: 'T', soapUrl: 'http://127.0.0.1:9/soap' });
	});
});
