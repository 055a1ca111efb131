// Types of scripts/electron-launch.mjs (plain JavaScript so that it runs without a build) for its tests.
export function parseVersion(text: string): [number, number, number] | null;
export function checkNode(nodeVersion: string, electronEngines?: string): { fatal?: string; note?: string };
export function platformExecutable(platform: string): string;
export function findElectron(options: {
  env: Record<string, string | undefined>;
  electronDir: string | null;
  platform: string;
}): { path?: string; error?: string; download?: true };
export function downloadFailureMessage(details: { version: string; url: string | null; cause: string | null; command: string }): string;
export function commandName(env: Record<string, string | undefined>, argv: string[]): string;
export function main(argv: string[], env?: Record<string, string | undefined>): Promise<void>;
