// Keeps `--pwa-shell-height` on <html> equal to the bottom bar's height, so the page's
// scroll-padding-bottom (app.css) keeps a focused element clear of the bar (WCAG 2.4.11).
export const SHELL_HEIGHT_VAR = '--pwa-shell-height';

export function reserveSpace(node: HTMLElement) {
	const root = document.documentElement;
	const update = () => root.style.setProperty(SHELL_HEIGHT_VAR, `${node.offsetHeight}px`);
	update();
	if (typeof ResizeObserver === 'undefined') return;
	const observer = new ResizeObserver(update);
	observer.observe(node);
	return {
		destroy() {
			observer.disconnect();
			root.style.removeProperty(SHELL_HEIGHT_VAR);
		}
	};
}
