import { describe, expect, it, vi } from 'vitest';
import { isTypingTarget, SEQUENCE_MS, ShortcutDispatcher } from './shortcuts';

function setup() {
	const dispatcher = new ShortcutDispatcher();
	const ran: string[] = [];
	const record = (name: string) => () => void ran.push(name);
	dispatcher.register({
		inbox: record('inbox'),
		requests: record('requests'),
		help: record('help')
	});
	return { dispatcher, ran, record };
}

const body = { tagName: 'BODY' };
const press = (key: string, extra: object = {}) => ({ key, target: body, ...extra });

describe('staff desk shortcuts', () => {
	it('« g » then « i » goes to the inbox, « g » then « d » to the requests', () => {
		const { dispatcher, ran } = setup();
		expect(dispatcher.handle(press('g'), 0)).toBe(false);
		expect(dispatcher.handle(press('i'), 300)).toBe(true);
		dispatcher.handle(press('g'), 1000);
		dispatcher.handle(press('d'), 1200);
		expect(ran).toEqual(['inbox', 'requests']);
	});

	it('a sequence typed too slowly does nothing', () => {
		const { dispatcher, ran } = setup();
		dispatcher.handle(press('g'), 0);
		expect(dispatcher.handle(press('i'), SEQUENCE_MS + 1)).toBe(false);
		expect(ran).toEqual([]);
	});

	it('a stray key before a sequence does not block it', () => {
		const { dispatcher, ran } = setup();
		dispatcher.handle(press('x'), 0);
		dispatcher.handle(press('g'), 100);
		dispatcher.handle(press('g'), 200);
		dispatcher.handle(press('i'), 300);
		expect(ran).toEqual(['inbox']);
	});

	it('never fires while the agent types in a field', () => {
		const { dispatcher, ran } = setup();
		for (const target of [
			{ tagName: 'INPUT', type: 'search' },
			{ tagName: 'INPUT' },
			{ tagName: 'TEXTAREA' },
			{ tagName: 'SELECT' },
			{ tagName: 'DIV', isContentEditable: true }
		]) {
			expect(dispatcher.handle({ key: '?', target }, 0)).toBe(false);
			dispatcher.handle({ key: 'g', target }, 10);
			expect(dispatcher.handle({ key: 'i', target }, 20)).toBe(false);
		}
		expect(ran).toEqual([]);
		expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
		expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
	});

	it('leaves Ctrl, Alt and Cmd combinations and Enter to the browser', () => {
		const { dispatcher, ran } = setup();
		expect(dispatcher.handle(press('?', { ctrlKey: true }), 0)).toBe(false);
		expect(dispatcher.handle(press('?', { altKey: true }), 0)).toBe(false);
		expect(dispatcher.handle(press('?', { metaKey: true }), 0)).toBe(false);
		expect(dispatcher.handle(press('Enter'), 0)).toBe(false);
		expect(ran).toEqual([]);
	});

	it("a page's shortcuts apply while it is shown, over the shell's", () => {
		const { dispatcher, ran, record } = setup();
		const take = vi.fn();
		const unregister = dispatcher.register({ take, help: record('page help') });
		expect(dispatcher.handle(press('p'), 0)).toBe(true);
		dispatcher.handle(press('?'), 10);
		unregister();
		expect(dispatcher.handle(press('p'), 20)).toBe(false);
		dispatcher.handle(press('?'), 30);
		expect(take).toHaveBeenCalledTimes(1);
		expect(ran).toEqual(['page help', 'help']);
	});
});
