// Opened from a mail link: rendered in the browser only.
export const ssr = false;
export const prerender = false;
