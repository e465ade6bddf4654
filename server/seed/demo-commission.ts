// Demo data (`npm start`): the commission calendar of the current year (Europe/Paris) and of the
// next one, as an admin's « Planifier l’année » makes it, and the default scoring grid.
import type { Db } from '../db';
import { ensureGrid } from '../commission/grid';
import { parisYearStart, planYear } from '../commission/sessions';
import { commissionSettings } from '../commission/settings';

export function seedDemoCommission(db: Db, now: number): void {
	const year = Number(parisYearStart(now).slice(0, 4));
	db.transaction(() => {
		ensureGrid(db, now);
		const { reminderDays } = commissionSettings(db);
		planYear(db, year, reminderDays, now);
		planYear(db, year + 1, reminderDays, now);
	})();
}
