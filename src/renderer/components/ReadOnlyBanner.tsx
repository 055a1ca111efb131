// The strip over the canvas while the document came from a file opened read-only: says so and offers Save As
// (Save also asks where, since the file is never written). It goes when another file takes its place.
export function ReadOnlyBanner({ text, onSaveAs }: { text: string; onSaveAs: () => void }) {
  return (
    <div className="readonly-banner" role="status" aria-label="Read-only file">
      <span>{text}</span>
      <button type="button" onClick={onSaveAs}>Save As…</button>
    </div>
  );
}
