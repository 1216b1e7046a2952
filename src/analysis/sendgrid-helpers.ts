/**
 * SendGrid's dynamic-template helpers, implemented for rendering samples the way SendGrid does
 * (docs: "Using Handlebars" — equals, notEquals, greaterThan, lessThan, and, or, length, formatDate, insert).
 */
import type Handlebars from 'handlebars';

type Opts = Handlebars.HelperOptions;

function block(ctx: unknown, cond: boolean, options: Opts): unknown {
  if (options && typeof options.fn === 'function') return cond ? options.fn(ctx) : options.inverse(ctx);
  return cond;
}

function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Moment-style tokens (the subset SendGrid documents), in UTC shifted by an optional "-0700" offset. */
export function formatDate(value: unknown, format: unknown, offset?: unknown): string {
  const d = new Date(typeof value === 'number' ? value : String(value ?? ''));
  if (Number.isNaN(d.getTime())) return '';
  const m = typeof offset === 'string' ? /^([+-])(\d\d):?(\d\d)$/.exec(offset) : null;
  if (m) d.setTime(d.getTime() + (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000);
  const f = typeof format === 'string' ? format : 'YYYY-MM-DD';
  const h = d.getUTCHours();
  const tokens: Record<string, string> = {
    YYYY: String(d.getUTCFullYear()),
    YY: String(d.getUTCFullYear()).slice(-2),
    MMMM: MONTHS[d.getUTCMonth()]!,
    MMM: MONTHS[d.getUTCMonth()]!.slice(0, 3),
    MM: pad(d.getUTCMonth() + 1),
    M: String(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate()),
    D: String(d.getUTCDate()),
    dddd: DAYS[d.getUTCDay()]!,
    ddd: DAYS[d.getUTCDay()]!.slice(0, 3),
    HH: pad(h),
    H: String(h),
    hh: pad(h % 12 || 12),
    h: String(h % 12 || 12),
    mm: pad(d.getUTCMinutes()),
    m: String(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
    s: String(d.getUTCSeconds()),
    A: h < 12 ? 'AM' : 'PM',
    a: h < 12 ? 'am' : 'pm',
  };
  return f.replace(/YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a/g, (t) => tokens[t] ?? t);
}

export const sendgridHelpers: Record<string, Handlebars.HelperDelegate> = {
  equals(this: unknown, a: unknown, b: unknown, options: Opts) {
    return block(this, a == b, options);
  },
  notEquals(this: unknown, a: unknown, b: unknown, options: Opts) {
    return block(this, a != b, options);
  },
  greaterThan(this: unknown, a: unknown, b: unknown, options: Opts) {
    return block(this, Number(a) > Number(b), options);
  },
  lessThan(this: unknown, a: unknown, b: unknown, options: Opts) {
    return block(this, Number(a) < Number(b), options);
  },
  and(this: unknown, ...args: unknown[]) {
    const options = args.pop() as Opts;
    return block(this, args.every(truthy), options);
  },
  or(this: unknown, ...args: unknown[]) {
    const options = args.pop() as Opts;
    return block(this, args.some(truthy), options);
  },
  length(value: unknown) {
    return Array.isArray(value) || typeof value === 'string' ? value.length : 0;
  },
  formatDate(value: unknown, format: unknown, ...rest: unknown[]) {
    const offset = rest.length > 1 ? rest[0] : undefined;
    return formatDate(value, format, offset);
  },
  insert(value: unknown, ...rest: unknown[]) {
    rest.pop();
    if (value !== undefined && value !== null && value !== '') return value;
    const def = rest.find((r): r is string => typeof r === 'string' && r.startsWith('default='));
    return def ? def.slice('default='.length) : '';
  },
};
