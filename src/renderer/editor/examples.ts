// The examples gallery: every resources/examples/*.snn.json, bundled by Vite, with its name and description.
const files = import.meta.glob('../../../resources/examples/*.snn.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export interface Example { file: string; name: string; description: string; json: unknown }

export const EXAMPLES: Example[] = Object.entries(files).map(([path, json]) => {
  const meta = (json as { meta?: { name?: string; description?: string } }).meta ?? {};
  const file = path.split('/').pop()!;
  return { file, name: meta.name ?? file, description: meta.description ?? '', json };
}).sort((a, b) => a.file.localeCompare(b.file));
