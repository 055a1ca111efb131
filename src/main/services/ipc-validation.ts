// What every IPC handler in main runs before and after its work: is the sender our app's top frame, does the
// payload match src/shared/ipc.ts, and does the answer too; exceptions become `{ ok: false }` results.
import type { z } from 'zod';
import {
  DEFAULT_PAYLOAD_CHARS, INVOKE, MAX_PAYLOAD_DEPTH, PAYLOAD_CHARS, describeIssues, type ErrorCode, type Failure, type InvokeChannel,
  type InvokeResponse,
} from '../../shared/ipc';

export const failure = (code: ErrorCode, error: string): Failure => ({ ok: false, code, error });

export type Parsed<T> = { ok: true; data: T } | Failure;

/**
 * About the characters `payload` would take as JSON: strings and keys by length, other values a few each,
 * typed arrays by bytes. Walks without recursion and stops as soon as the count passes `limit`; Infinity when
 * nested deeper than `maxDepth` (zod's recursive parsing would overflow the stack on such input).
 */
export function payloadChars(payload: unknown, limit: number, maxDepth = MAX_PAYLOAD_DEPTH): number {
  let total = 0;
  const stack: Array<[unknown, number]> = [[payload, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') total += v.length + 2;
    else if (v === null || typeof v !== 'object') total += 8;
    else if (depth >= maxDepth) return Infinity;
    else if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) total += v.byteLength;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      if (total > limit) return total;
      for (const x of v) stack.push([x, depth + 1]);
    } else {
      total += 2;
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        total += k.length + 3;
        if (total > limit) return total;
        stack.push([(v as Record<string, unknown>)[k], depth + 1]);
      }
    }
    if (total > limit) return total;
  }
  return total;
}

/** The payload cap of a channel (src/shared/ipc.ts PAYLOAD_CHARS). */
export const payloadLimit = (channel: InvokeChannel): number => PAYLOAD_CHARS[channel] ?? DEFAULT_PAYLOAD_CHARS;

export function parseRequest<C extends InvokeChannel>(channel: C, payload: unknown): Parsed<z.output<(typeof INVOKE)[C]['request']>> {
  const spec = INVOKE[channel] as (typeof INVOKE)[InvokeChannel] | undefined;
  if (!spec) return failure('invalid-payload', `${String(channel)}: not a channel of the IPC contract`);
  const limit = payloadLimit(channel);
  const size = payloadChars(payload, limit);
  if (size > limit) {
    return failure('invalid-payload', size === Infinity
      ? `${channel}: invalid payload: nested deeper than ${MAX_PAYLOAD_DEPTH} levels`
      : `${channel}: invalid payload: larger than ${limit} characters`);
  }
  const r = spec.request.safeParse(payload);
  if (!r.success) return failure('invalid-payload', describeIssues(channel, r.error));
  return { ok: true, data: r.data as z.output<(typeof INVOKE)[C]['request']> };
}

/** The frame an IPC message came from, as Electron's `event.senderFrame` describes it (null once gone). */
export interface SenderFrame { url: string; parent: unknown | null }

/**
 * Trusted senders: the top frame of our own page: `app://snn/…` in production, the electron-vite dev server's
 * origin in development. Anything else (an iframe, a page navigated elsewhere) is refused.
 */
export function makeSenderCheck(opts: { appOrigin: string; devServerUrl?: string }): (frame: SenderFrame | null) => boolean {
  // scheme://host[:port], not URL.origin: Node gives custom schemes the origin "null", shared by data: and file:.
  const key = (u: URL) => `${u.protocol}//${u.host}`;
  const allowed = new Set([key(new URL(opts.appOrigin))]);
  if (opts.devServerUrl) allowed.add(key(new URL(opts.devServerUrl)));
  return (frame) => {
    if (!frame || frame.parent) return false;
    try {
      const u = new URL(frame.url);
      return u.host !== '' && allowed.has(key(u));
    } catch {
      return false;
    }
  };
}

/** Run one invoke: sender check → payload check → `impl` → response check. Never throws. */
export async function handleInvoke<C extends InvokeChannel>(
  channel: C,
  frame: SenderFrame | null,
  payload: unknown,
  isTrusted: (frame: SenderFrame | null) => boolean,
  impl: (req: z.output<(typeof INVOKE)[C]['request']>) => Promise<InvokeResponse<C>> | InvokeResponse<C>,
): Promise<InvokeResponse<C> | Failure> {
  if (!isTrusted(frame)) return failure('untrusted-sender', `${channel}: refused: the message did not come from the app's own page`);
  // Everything inside the try: a parser that throws (a stack overflow, say) still answers a Failure.
  try {
    const req = parseRequest(channel, payload);
    if (!req.ok) return req;
    const res = await impl(req.data);
    const checked = INVOKE[channel].response.safeParse(res);
    if (!checked.success) return failure('internal', `${channel}: the answer broke the IPC contract: ${describeIssues(channel, checked.error)}`);
    return checked.data as InvokeResponse<C>;
  } catch (e) {
    return failure('internal', `${channel}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
