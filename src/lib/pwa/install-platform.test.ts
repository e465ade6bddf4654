import { describe, expect, it } from 'vitest';
import { isIos, needsIosHowTo } from './install-platform';

const iphone =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const mac =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const android =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

describe('install platform', () => {
	it('recognises iPhone and iPadOS, not Android or a desktop Mac', () => {
		expect(isIos({ userAgent: iphone, maxTouchPoints: 5, standalone: false })).toBe(true);
		expect(isIos({ userAgent: mac, maxTouchPoints: 5, standalone: false })).toBe(true);
		expect(isIos({ userAgent: mac, maxTouchPoints: 0, standalone: false })).toBe(false);
		expect(isIos({ userAgent: android, maxTouchPoints: 5, standalone: false })).toBe(false);
	});

	it('hides the how-to once the app runs installed', () => {
		expect(needsIosHowTo({ userAgent: iphone, maxTouchPoints: 5, standalone: false })).toBe(true);
		expect(needsIosHowTo({ userAgent: iphone, maxTouchPoints: 5, standalone: true })).toBe(false);
	});
});
