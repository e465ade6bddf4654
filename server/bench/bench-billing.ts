// npm run bench:billing — a month's invoices at scale, on this machine: a fresh SQLite file with
// BENCH_CONTRACTS contracts (default 5 000, one per household, resources and month entries
// varied), then: the month's computation (loading + computing every invoice, the preview's work;
// aim ≤ 2 s), one invoice PDF's time (p50/p95 over BENCH_PDFS, default 500; aim p95 ≤ 50 ms), the
// whole issue run (numbers, PDFs, svc:invoice documents, print batch) with the longest stall of
// the event loop meanwhile, and the simulator's computation (tariff.ts quote, mean over 10 000;
// aim ≤ 1 ms). Prints the figures.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { quote, scaleOn } from '../../src/lib/domain/tariff';
import { todayInParis } from '../../src/lib/domain/validation';
import { insertContract, insertHousehold, STANDARD_TERMS } from '../billing/fixtures';
import { invoicePdf } from '../billing/invoice-pdf';
import { planMonth } from '../billing/month-plan';
import { loadRun, startRun } from '../billing/run';
import { loadScale } from '../billing/scale';
import { billingSettings } from '../billing/billing-settings';
import { systemClock } from '../clock';
import { testConfig } from '../config';
import { openDatabase } from '../db';
import { seedStructures } from '../seed/seed';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 5_000);
const PDFS = Number(process.env.BENCH_PDFS ?? 500);

const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'bench-billing-'));
const file = join(dir, 'espace-famille.sqlite');
const db = openDatabase(file);
try {
	seedStructures(db);
	const structures = (
		db.prepare('SELECT id FROM structures ORDER BY position').all() as { id: string }[]
	).map((s) => s.id);
	const today = todayInParis();
	const [y, m] = today.split('-').map(Number) as [number, number];
	const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
	const entry = db.prepare(
		`INSERT INTO billing_entries (id, contract_id, month, kind, minutes, days, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, 0)`
	);
	db.transaction(() => {
		for (let i = 0; i < CONTRACTS; i++) {
			const householdId = insertHousehold(db, `Famille${i}`, i);
			const contractId = insertContract(db, {
				householdId,
				childName: `Enfant ${i}`,
				structureId: structures[i % structures.length],
				startDate: i % 20 === 0 ? `${month}-10` : '2020-01-06',
				endDate: '2099-07-31',
				termsFrom: i % 20 === 0 ? `${month}-10` : '2020-01-06',
				terms: {
					...STANDARD_TERMS,
					minutesPerWeek: 600 + (i % 40) * 45,
					monthlyResourcesCents: i % 50 === 0 ? null : 50_000 + ((i * 7919) % 900_000),
					dependentChildren: 1 + (i % 9),
					aeehChildren: i % 30 === 0 ? 1 : 0
				}
			});
			if (i % 3 === 0)
				entry.run(randomUUID(), contractId, month, 'extra_hours', 90 + (i % 300), null);
			if (i % 7 === 0) entry.run(randomUUID(), contractId, month, 'illness', null, 1 + (i % 6));
		}
	})();
	console.log(`bench:billing — ${CONTRACTS} contracts, month ${month}, database ${file}`);

	// 1. The month's computation (what the preview does, and the run before issuing).
	const times: number[] = [];
	let planned = 0;
	for (let k = 0; k < 3; k++) {
		const t0 = performance.now();
		planned = (await planMonth(db, month)).items.length;
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	console.log(
		`month computation (${planned} invoices): best ${ms(times[0]!)}, worst ${ms(times.at(-1)!)} (aim ≤ 2 000 ms)`
	);

	// 2. One invoice PDF.
	const plan = await planMonth(db, month);
	const settings = billingSettings(db);
	const pdfTimes: number[] = [];
	for (let k = 0; k < Math.min(PDFS, plan.items.length); k++) {
		const p = plan.items[k]!;
		const t0 = performance.now();
		await invoicePdf(
			{
				kind: 'invoice',
				number: `F2099-${String(k + 1).padStart(6, '0')}`,
				issueDate: today,
				dueDate: today,
				month,
				familyName: 'Madame Fernande FAMILLE',
				familyAddress: ['3 Rue du Test', '38200 Vienne'],
				childName: p.contract.childName,
				structureName: p.contract.structureName,
				lines: p.invoice.lines,
				amountCents: p.invoice.amountCents,
				computation: p.invoice.computation
			},
			settings
		);
		pdfTimes.push(performance.now() - t0);
	}
	pdfTimes.sort((a, b) => a - b);
	console.log(
		`invoice PDF (${pdfTimes.length}): p50 ${ms(pct(pdfTimes, 50))}, p95 ${ms(pct(pdfTimes, 95))}, max ${ms(pdfTimes.at(-1)!)} (aim p95 ≤ 50 ms)`
	);

	// 3. The whole issue run, the event loop's longest stall meanwhile.
	const deps = {
		db,
		config: testConfig({ databaseFile: file, dataDir: dir }),
		clock: systemClock,
		kickOutbox: () => {}
	};
	// The event loop's delay while the run goes on (includes the OS taking the CPU away on a
	// busy machine: p99 says more than max), issuing and print batch apart.
	const issuing = monitorEventLoopDelay({ resolution: 10 });
	const printing = monitorEventLoopDelay({ resolution: 10 });
	issuing.enable();
	const t0 = performance.now();
	const runId = await startRun(deps, month, null);
	let run = loadRun(db, runId)!;
	let issuedAt = 0;
	while (run.status !== 'done') {
		await new Promise((r) => setTimeout(r, 50));
		run = loadRun(db, runId)!;
		if (!issuedAt && run.issued === run.planned) {
			issuedAt = performance.now();
			issuing.disable();
			printing.enable();
		}
	}
	const runMs = performance.now() - t0;
	issuing.disable();
	printing.disable();
	const delay = (h: ReturnType<typeof monitorEventLoopDelay>) =>
		`p99 ${ms(h.percentile(99) / 1e6)}, max ${ms(h.max / 1e6)}`;
	const batch = db
		.prepare('SELECT length(print_batch) AS n FROM invoice_runs WHERE id = ?')
		.get(runId) as { n: number };
	console.log(
		`issue run: ${run.issued} invoices in ${(runMs / 1000).toFixed(1)} s (${Math.round(run.issued / (runMs / 1000))} / s), of which the print batch ${((issuedAt ? t0 + runMs - issuedAt : 0) / 1000).toFixed(1)} s: ${run.print_count} invoices (${(batch.n / 1e6).toFixed(1)} Mo)`
	);
	console.log(
		`event loop delay while issuing: ${delay(issuing)}; during the print batch: ${delay(printing)}`
	);

	// 4. The simulator's computation.
	const scale = scaleOn(loadScale(db), today)!;
	const N = 10_000;
	let sink = 0;
	const q0 = performance.now();
	for (let k = 0; k < N; k++)
		sink += quote(
			{
				monthlyResourcesCents: 100_000 + k * 37,
				children: 1 + (k % 9),
				aeehChildren: k % 2,
				minutesPerWeek: 2250,
				weeksPerYear: 47
			},
			scale
		).monthlyAmountCents;
	const qMean = (performance.now() - q0) / N;
	console.log(
		`simulator quote: mean ${(qMean * 1000).toFixed(1)} µs over ${N} (aim ≤ 1 ms)${sink < 0 ? '' : ''}`
	);
} finally {
	db.close();
	rmSync(dir, { recursive: true, force: true });
}
