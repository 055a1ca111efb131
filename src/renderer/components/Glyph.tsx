// A small picture of a model's dynamics for its node: the catalogue's glyph path (src/shared/models), or a
// flat line for a model without one.
import { getModel } from '../../shared/models';

export function Glyph({ model }: { model: string }) {
  return (
    <svg className="glyph" width="36" height="18" viewBox="0 0 36 18" aria-hidden="true">
      <path d={getModel(model)?.glyph ?? 'M2 9 H34'} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
