import { useState } from 'react';
import { revealScene } from '../../lesson/applyScene';
import { exitLesson, nextScene, prevScene, SCENE_COUNT, scenePosition } from '../../lesson/navigation';
import { SCENES } from '../../lesson/scenes';
import type { Prediction, Scene } from '../../lesson/sceneTypes';
import { useSettings } from '../../store/settings';
import { Tex, useKatex } from '../Tex';
import { SceneClaims } from './SceneClaims';
import './lesson.css';

/**
 * The guided lesson's strip above the view: where we are, what to look at, the formula of the moment
 * and, before the run, a prediction to make. Always rendered (empty outside a lesson) so the page's
 * grid keeps its rows.
 */
export function LessonPanel() {
  const n = scenePosition(useSettings((s) => s.scene));
  const scene = SCENES[n - 1];
  return (
    <div className="lesson-slot">
      {/* A new scene starts with its prediction unanswered. */}
      {scene && <SceneCard key={n} scene={scene} n={n} />}
    </div>
  );
}

function SceneCard({ scene, n }: { scene: Scene; n: number }) {
  const katex = useKatex();
  return (
    <section className="lesson" aria-labelledby="lesson-title" data-testid="lesson" data-scene={scene.id}>
      <div className="lesson-head">
        <span className="lesson-count">
          Scene {n} of {SCENE_COUNT}
        </span>
        <h2 id="lesson-title">{scene.title}</h2>
        <nav className="lesson-nav" aria-label="Lesson">
          <button type="button" onClick={prevScene} disabled={n === 1} title="Previous scene (← or PageUp)">
            Previous
          </button>
          <button
            type="button"
            onClick={nextScene}
            disabled={n === SCENE_COUNT}
            title="Next scene (→ or PageDown)"
          >
            Next
          </button>
          <button type="button" onClick={exitLesson}>
            Exit lesson
          </button>
        </nav>
      </div>
      <p className="lesson-text">{scene.text}</p>
      <div className="lesson-formula" data-testid="lesson-formula">
        <Tex tex={scene.formula} text={scene.formula} katex={katex} className="lesson-tex" display />
      </div>
      {scene.predict ? <Predict scene={scene} predict={scene.predict} /> : <SceneClaims scene={scene} />}
    </section>
  );
}

/** Predict, then reveal: the class commits to an answer before the run (or the lab) shows it. */
function Predict({ scene, predict }: { scene: Scene; predict: Prediction }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [revealed, setRevealed] = useState(false);
  const { question, choices = [], answer, reveal } = predict;
  return (
    <div className={revealed ? 'lesson-predict revealed' : 'lesson-predict'} data-testid="lesson-predict">
      <span className="lesson-question">
        <strong>Predict:</strong> {question}
      </span>{' '}
      {revealed ? (
        <>
          <span className="lesson-answer" role="status" data-testid="lesson-answer">
            {answer !== undefined && <strong>{choices[answer]}. </strong>}
            {reveal}
          </span>
          <SceneClaims scene={scene} />
        </>
      ) : (
        <span className="lesson-choices">
          {choices.map((c, i) => (
            <button key={c} type="button" aria-pressed={chosen === i} onClick={() => setChosen(i)}>
              {c}
            </button>
          ))}
          <button
            type="button"
            className="lesson-reveal"
            onClick={() => {
              setRevealed(true);
              revealScene(scene);
            }}
          >
            {scene.view === 'network' ? 'Run and reveal' : 'Reveal'}
          </button>
        </span>
      )}
    </div>
  );
}
