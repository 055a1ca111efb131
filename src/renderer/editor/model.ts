// The headless editor model: holds the network document, applies commands (./ops.ts, ./clipboard.ts), and
// keeps undo/redo history of every change. No React, no DOM: driven the same way by the UI and by tests.
import type { NetworkDocument, Projection } from '../../shared/graph';
import type { WeightsFile } from '../../shared/io/weights';
import type { ApplyOrigin } from '../../shared/training';
import type { ParamValue } from '../../shared/models';
import * as ops from './ops';
import { copySelection, paste } from './clipboard';
import type { XY } from './ops';

export type CommandResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const HISTORY_LIMIT = 200;

export class EditorModel {
  private doc: NetworkDocument;
  private past: NetworkDocument[] = [];
  private future: NetworkDocument[] = [];
  private listeners = new Set<() => void>();
  /** Increases with each change (a cheap key for memoised views). */
  private rev = 0;
  /** Increases with each load (open, new, recover, example): results carry it to show only with their network. */
  private loads = 0;
  /** The document as last saved or opened (documents are immutable: undo back to it is clean again). */
  private savedDoc: NetworkDocument | null;
  /** The `merge` key of the last command: the next command with the same key replaces its result instead of adding
   *  an undo step (a slider's run of changes is one undo step, learn/LessonPanel.tsx). Any other command, undo,
   *  redo or load ends the run. */
  private mergeKey: string | null = null;

  constructor(doc: NetworkDocument = ops.emptyDocument()) {
    this.doc = doc;
    this.savedDoc = doc;
  }

  get document(): NetworkDocument { return this.doc; }
  get revision(): number { return this.rev; }
  /** Which loaded document this is: changes on load(), never on edits, undo or save. */
  get session(): number { return this.loads; }
  get canUndo(): boolean { return this.past.length > 0; }
  get canRedo(): boolean { return this.future.length > 0; }
  /** Unsaved changes since load or the last markSaved(). */
  get dirty(): boolean { return this.doc !== this.savedDoc; }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replace the document (open, new, recover): clears history. `dirty` says whether it is unsaved work. */
  load(doc: NetworkDocument, dirty = false): void {
    this.mergeKey = null;
    this.doc = doc;
    this.past = [];
    this.future = [];
    this.rev++;
    this.loads++;
    this.savedDoc = dirty ? null : doc;
    this.emit();
  }

  /** `doc` is the document that was written (edits made while an async save ran stay unsaved). */
  markSaved(doc: NetworkDocument = this.doc): void {
    this.savedDoc = doc;
    this.emit();
  }

  undo(): boolean {
    const prev = this.past.pop();
    if (!prev) return false;
    this.mergeKey = null;
    this.future.push(this.doc);
    this.set(prev);
    return true;
  }

  redo(): boolean {
    const next = this.future.pop();
    if (!next) return false;
    this.mergeKey = null;
    this.past.push(this.doc);
    this.set(next);
    return true;
  }

  addNode(modelId: string, position: XY = { x: 0, y: 0 }, id?: string) { return this.apply(ops.addNode(this.doc, modelId, position, id)); }
  connect(source: string, target: string) { return this.apply(ops.connect(this.doc, source, target)); }
  connectionProblem(source: string, target: string) { return ops.connectionProblem(this.doc, source, target); }
  /** `merge`: see mergeKey. */
  setParam(nodeId: string, name: string, value: ParamValue, merge?: string) { return this.apply(ops.setParam(this.doc, nodeId, name, value), merge); }
  makeUniform(nodeId: string, name: string) { return this.apply(ops.makeUniform(this.doc, nodeId, name)); }
  setNodeFields(nodeId: string, fields: { size?: number; label?: string }) { return this.apply(ops.setNodeFields(this.doc, nodeId, fields)); }
  setSpikes(nodeId: string, text: string) { return this.apply(ops.setSpikes(this.doc, nodeId, text)); }
  setRates(nodeId: string, text: string) { return this.apply(ops.setRates(this.doc, nodeId, text)); }
  setDataFile(nodeId: string, path: string | null) { return this.apply(ops.setDataFile(this.doc, nodeId, path)); }
  setExplicitPairs(projId: string, text: string) { return this.apply(ops.setExplicitPairs(this.doc, projId, text)); }
  setPlasticity(projId: string, change: Parameters<typeof ops.setPlasticity>[2]) { return this.apply(ops.setPlasticity(this.doc, projId, change)); }
  replaceProjection(id: string, next: Projection, merge?: string) { return this.apply(ops.replaceProjection(this.doc, id, next), merge); }
  rename(oldId: string, newId: string) { return this.apply(ops.rename(this.doc, oldId, newId)); }
  remove(ids: readonly string[]) { return this.apply(ops.remove(this.doc, ids)); }
  move(positions: Record<string, XY>) { return this.apply(ops.move(this.doc, positions)); }
  addMonitor(target: string, kind: 'spikes' | 'state', variable?: string) { return this.apply(ops.addMonitor(this.doc, target, kind, variable)); }
  setMonitor(id: string, change: { variable?: string; indices?: string }) { return this.apply(ops.setMonitor(this.doc, id, change)); }
  /** "Record less": state monitors keep their first N neurons (ops.limitRecordedNeurons), one undoable command. */
  limitRecordedNeurons(counts: Readonly<Record<string, number>>) { return this.apply(ops.limitRecordedNeurons(this.doc, counts)); }
  setSimulation(patch: Partial<NetworkDocument['simulation']>) { return this.apply(ops.setSimulation(this.doc, patch)); }
  setMeta(patch: Partial<NetworkDocument['meta']>) { return this.apply(ops.setMeta(this.doc, patch)); }
  /** Trained weights as explicit weights of the trainable projections: one undoable command. */
  applyTrainedWeights(file: WeightsFile, name: string, origin?: Omit<ApplyOrigin, 'training'>) { return this.apply(ops.applyTrainedWeights(this.doc, file, name, origin)); }

  /** Clipboard JSON of the selected nodes (with the projections and monitors among them). */
  copy(ids: readonly string[]): string { return copySelection(this.doc, ids); }
  paste(text: string, offset?: XY) { return this.apply(paste(this.doc, text, offset)); }
  /** Copies of the nodes `ids` (and their inner projections/monitors), offset a little; gives the new ids. */
  duplicate(ids: readonly string[]) { return this.apply(paste(this.doc, copySelection(this.doc, ids), { x: 40, y: 40 })); }

  private apply<T>(r: ops.OpResult<T>, merge?: string): CommandResult<T> {
    if (!r.ok) return r;
    if (r.doc !== this.doc) {
      if (merge === undefined || merge !== this.mergeKey || !this.past.length) {
        this.past.push(this.doc);
        if (this.past.length > HISTORY_LIMIT) this.past.shift();
      }
      this.mergeKey = merge ?? null;
      this.future = [];
      this.set(r.doc);
    }
    return { ok: true, value: r.value };
  }

  private set(doc: NetworkDocument): void {
    this.doc = doc;
    this.rev++;
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
