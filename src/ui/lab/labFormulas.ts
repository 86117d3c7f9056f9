import type { LabParams, LabResult } from '../../engine/quadratic/lab';

/** One line of "the numbers behind it": TeX for KaTeX and the same as plain text until KaTeX loads. */
export interface FormulaLine {
  readonly id: string;
  readonly caption: string;
  readonly tex: string;
  readonly text: string;
}

/** Three significant digits; negative numbers parenthesised so they read right inside a formula. */
function num(v: number): string {
  if (!Number.isFinite(v)) return '∞';
  const s = Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0) ? v.toExponential(2) : v.toPrecision(3);
  return v < 0 ? `(${s})` : s;
}

/** The formulas of this run, with its live values substituted. */
export function labFormulas(p: LabParams, r: LabResult): FormulaLine[] {
  const { omega: w, delta: d, importance: o, pathIntegral, lossDrop } = r.si;
  const f = r.fisher;
  const lines: FormulaLine[] = [
    {
      id: 'omega',
      caption: 'SI’s credit, summed along task A’s real trajectory (g: task gradient, Δθ: the step taken)',
      tex: `\\omega_k = -\\textstyle\\sum_t g_k\\,\\Delta\\theta_k:\\quad \\omega_1 = ${num(w[0])},\\ \\omega_2 = ${num(w[1])}`,
      text: `ω_k = −Σ_t g_k·Δθ_k:  ω₁ = ${num(w[0])}, ω₂ = ${num(w[1])}`,
    },
    {
      id: 'delta',
      caption: 'How far each parameter moved during task A',
      tex: `\\Delta_k = \\theta_k^{\\text{end}} - \\theta_k^{\\text{start}}:\\quad \\Delta_1 = ${num(d[0])},\\ \\Delta_2 = ${num(d[1])}`,
      text: `Δ_k = θ_k(end) − θ_k(start):  Δ₁ = ${num(d[0])}, Δ₂ = ${num(d[1])}`,
    },
    ...([0, 1] as const).map((k) => ({
      id: `Omega${k + 1}`,
      caption: k === 0 ? 'SI’s importance, damped by ξ' : '',
      // \dfrac: numerator and denominator at full size, so their exponents stay legible on a projector.
      tex: `\\Omega_${k + 1} = \\dfrac{\\omega_${k + 1}}{\\Delta_${k + 1}^2+\\xi} = \\dfrac{${num(w[k])}}{${num(d[k])}^2 + ${num(p.xi)}} = ${num(o[k])}`,
      text: `Ω${k === 0 ? '₁' : '₂'} = ω/(Δ² + ξ) = ${num(w[k])}/(${num(d[k])}² + ${num(p.xi)}) = ${num(o[k])}`,
    })),
    {
      id: 'check',
      caption: 'Path integral against the loss drop (equal for exact gradient flow; noise makes Σω larger)',
      tex: `\\textstyle\\sum_k \\omega_k = ${num(pathIntegral)}\\quad\\text{vs}\\quad L_A(\\theta_0) - L_A(\\theta_A) = ${num(lossDrop)}`,
      text: `Σω = ${num(pathIntegral)}  vs  L_A(θ₀) − L_A(θ_A) = ${num(lossDrop)}`,
    },
    {
      id: 'si',
      caption: 'SI penalty',
      tex: `c\\textstyle\\sum_k \\Omega_k(\\theta_k-\\tilde\\theta_k)^2,\\quad c = ${num(p.c)},\\ \\xi = ${num(p.xi)}`,
      text: `c·Σ Ω_k(θ_k − θ̃_k)²,  c = ${num(p.c)}, ξ = ${num(p.xi)}`,
    },
    {
      id: 'ewc',
      caption: `EWC penalty, F = ${p.fullFisher ? 'H_A (full)' : 'diag(H_A)'}`,
      tex: p.fullFisher
        ? `\\tfrac{\\lambda}{2}(\\theta-\\theta^*_A)^{\\top}F(\\theta-\\theta^*_A),\\ F_{11} = ${num(f.a)},\\ F_{12} = ${num(f.b)},\\ F_{22} = ${num(f.c)},\\ \\lambda = ${num(p.lambdaEwc)}`
        : `\\tfrac{\\lambda}{2}\\textstyle\\sum_k F_{kk}(\\theta_k-\\theta^*_{A,k})^2,\\ F_{11} = ${num(f.a)},\\ F_{22} = ${num(f.c)},\\ \\lambda = ${num(p.lambdaEwc)}`,
      text: p.fullFisher
        ? `λ/2·(θ − θ*_A)ᵀF(θ − θ*_A),  F₁₁ = ${num(f.a)}, F₁₂ = ${num(f.b)}, F₂₂ = ${num(f.c)}, λ = ${num(p.lambdaEwc)}`
        : `λ/2·Σ F_kk(θ_k − θ*_A,k)²,  F₁₁ = ${num(f.a)}, F₂₂ = ${num(f.c)}, λ = ${num(p.lambdaEwc)}`,
    },
    {
      id: 'l2',
      caption: 'L2 penalty',
      tex: `\\lambda\\textstyle\\sum_k(\\theta_k-\\theta^*_{A,k})^2,\\quad \\lambda = ${num(p.lambdaL2)}`,
      text: `λ·Σ(θ_k − θ*_A,k)²,  λ = ${num(p.lambdaL2)}`,
    },
  ];
  return lines;
}
