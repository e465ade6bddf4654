// The requests list as a CSV file for spreadsheet users (French Excel): UTF-8 with a BOM, `;`
// between cells, CRLF between lines, every cell quoted; a cell that a spreadsheet would run as a
// formula (= + - @, tab, carriage return first) starts with an apostrophe instead.
import { frenchDateTime } from '../../src/lib/domain/french-date';
import { commissionMonthLabel } from '../../src/lib/domain/commission';
import { REQUEST_TYPE_LABELS } from '../../src/lib/domain/request-status';
import type { IndexRow } from './request-query';
import type { PersonName } from './request-index';

export const CSV_BOM = '\uFEFF';
export const CSV_HEADERS = [
	'N°',
	'Type',
	'Statut',
	'Déposée le',
	'Mise à jour',
	'Famille',
	'Enfant(s)',
	'Structures souhaitées',
	'Commission'
];

/** One quoted cell, guarded against formula injection. */
export function csvCell(value: string | number): string {
	let text = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: (string | number)[]): string {
	return `${cells.map(csvCell).join(';')}\r\n`;
}

const fullName = (p: PersonName) => [p.lastName, p.firstNames].filter(Boolean).join(' ');

/** « mars 2027 » for '2027-03'. */
function commissionLabel(key: string | null): string {
	if (!key) return '';
	const [year, month] = key.split('-').map(Number);
	return commissionMonthLabel(year!, month!);
}

export function csvRow(row: IndexRow, structureName: (id: string) => string): string {
	const people = JSON.parse(row.people) as PersonName[];
	const structures = [row.choice1, row.choice2, row.choice3]
		.filter((id): id is string => id !== null)
		.map(structureName);
	return csvLine([
		row.number,
		REQUEST_TYPE_LABELS[row.type as keyof typeof REQUEST_TYPE_LABELS] ?? row.type,
		row.status,
		frenchDateTime(row.submitted_at),
		frenchDateTime(row.updated_at),
		fullName({ lastName: row.family_last_name, firstNames: row.family_first_names }),
		people.map(fullName).join(', '),
		structures.join(', '),
		commissionLabel(row.commission)
	]);
}
