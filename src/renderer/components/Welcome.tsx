// The welcome on an empty start: three ways in — the first lesson, an example from the gallery (the tutorial's
// order, a thumbnail and one line each), or a new network — and a pointer to Help. It sits on the empty canvas
// and goes as soon as the canvas has something on it, the user picks "New network", or a palette item is dragged.
import type { Lesson } from '../../shared/lessons';
import { EXAMPLES, type Example } from '../editor/examples';
import { Thumbnail } from './Thumbnail';

interface Props {
  lesson: Lesson | undefined;
  onLesson: () => void;
  onExample: (e: Example) => void;
  onNew: () => void;
  onHelp: () => void;
}

export function Welcome({ lesson, onLesson, onExample, onNew, onHelp }: Props) {
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome to SNN Studio</h2>
      <p>Build spiking neural networks, run them, train them. Where would you like to start?</p>
      <div className="welcome-starts">
        {lesson && (
          <div className="welcome-start">
            <h3>Learn</h3>
            <p>{lesson.summary}</p>
            <button type="button" className="primary" onClick={onLesson}>{`Start lesson: ${lesson.title.replace(/^\d+\.\s*/, '')}`}</button>
          </div>
        )}
        <div className="welcome-start">
          <h3>Build</h3>
          <p>An empty canvas: drag neurons and inputs from the palette, connect them, Run.</p>
          <button type="button" onClick={onNew}>New network</button>
        </div>
      </div>
      <h3>Open an example</h3>
      <ul className="gallery">
        {EXAMPLES.map((ex) => (
          <li key={ex.file}>
            <button type="button" onClick={() => onExample(ex)}>
              <Thumbnail json={ex.json} />
              <span className="gallery-name"><span className="sr-only">Open example </span>{ex.name}</span>
              <span className="gallery-line">{ex.line}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="welcome-help">Press <kbd>F1</kbd> or <kbd>?</kbd> for the shortcuts and where things are, or <button type="button" className="link" onClick={onHelp}>open Help</button>.</p>
    </section>
  );
}
