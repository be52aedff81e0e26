/**
 * What a benchmark suite produces, how it is shown to people (a table plus PASS/FAIL targets) and how it
 * is stored for machines (bench-results/<suite>.json: { suite, figures, ratios }).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Figure {
  value: number;
  unit: string;
}

/** A measured figure printed beside its baseline; `ratio` names the entry in `ratios` (measured / baseline). */
export interface Comparison {
  ratio: string;
  measured: string;
  baseline: string;
}

export interface TargetResult {
  label: string;
  pass: boolean;
  actual: string;
}

export interface SuiteReport {
  suite: string;
  figures: Record<string, Figure>;
  ratios: Record<string, number>;
  comparisons: Comparison[];
  targets: TargetResult[];
  /** Context for people: data set sizes, environment checks. Not written to JSON. */
  notes: string[];
  /** Phases that could not be measured (server error, timeout). */
  errors: string[];
}

/** A benchmark suite, registered by name in bench/run.ts. */
export interface BenchSuite {
  name: string;
  description: string;
  run(): Promise<SuiteReport>;
}

/** The JSON shape written to bench-results/<suite>.json. */
export interface StoredResult {
  suite: string;
  figures: Record<string, Figure>;
  ratios: Record<string, number>;
}

/** A target is a lower bound (`min`, for throughputs) or an upper bound (`max`, for times and sizes). */
type TargetSpec = { label: string } & ({ min: number } | { max: number }) & ({ figure: string } | { ratio: string });

/** Collects a suite's figures as phases finish; comparisons and targets are resolved at build(). */
export class ReportBuilder {
  private readonly figures: Record<string, Figure> = {};
  private readonly comparisons: Comparison[] = [];
  private readonly targets: TargetSpec[] = [];
  private readonly notes: string[] = [];
  private readonly errors: string[] = [];

  constructor(private readonly suite: string) {}

  figure(name: string, value: number, unit: string): this {
    this.figures[name] = { value, unit };
    return this;
  }

  /** Declares `ratio` = figures[measured] / figures[baseline], shown side by side in the table. */
  compare(ratio: string, measured: string, baseline: string): this {
    this.comparisons.push({ ratio, measured, baseline });
    return this;
  }

  /** A target met when a figure or ratio is at least `min`, or at most `max`. */
  target(spec: TargetSpec): this {
    this.targets.push(spec);
    return this;
  }

  note(text: string): this {
    this.notes.push(text);
    return this;
  }

  error(phase: string, error: unknown): this {
    const message = error instanceof Error ? error.message : String(error);
    this.errors.push(`${phase}: ${message}`);
    return this;
  }

  hasErrors(): boolean {
    return this.errors.length > 0;
  }

  build(): SuiteReport {
    const ratios: Record<string, number> = {};
    for (const { ratio, measured, baseline } of this.comparisons) {
      const m = this.figures[measured];
      const b = this.figures[baseline];
      if (m && b && b.value > 0) ratios[ratio] = m.value / b.value;
    }
    const targets = this.targets.map((spec): TargetResult => {
      const value = 'figure' in spec ? this.figures[spec.figure]?.value : ratios[spec.ratio];
      if (value === undefined) return { label: spec.label, pass: false, actual: 'not measured' };
      const shown = 'figure' in spec ? `${formatNumber(value)} ${this.figures[spec.figure].unit}` : formatRatio(value);
      const actual = `measured ${shown}`;
      return { label: spec.label, pass: 'min' in spec ? value >= spec.min : value <= spec.max, actual };
    });
    return {
      suite: this.suite,
      figures: { ...this.figures },
      ratios,
      comparisons: [...this.comparisons],
      targets,
      notes: [...this.notes],
      errors: [...this.errors],
    };
  }
}

export function toStoredResult(report: SuiteReport): StoredResult {
  const figures: Record<string, Figure> = {};
  for (const [name, { value, unit }] of Object.entries(report.figures)) figures[name] = { value: round(value, 3), unit };
  const ratios: Record<string, number> = {};
  for (const [name, value] of Object.entries(report.ratios)) ratios[name] = round(value, 4);
  return { suite: report.suite, figures, ratios };
}

/** Writes `<dir>/<suite>.json` and returns its path. */
export function writeResult(report: SuiteReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.suite}.json`);
  writeFileSync(file, JSON.stringify(toStoredResult(report), null, 2) + '\n');
  return file;
}

export function formatReport(report: SuiteReport): string {
  const lines: string[] = [`== ${report.suite} ==`, ''];
  const show = (name: string) => {
    const figure = report.figures[name];
    return figure ? `${formatNumber(figure.value)} ${figure.unit}` : 'n/a';
  };

  if (report.comparisons.length > 0) {
    const rows = report.comparisons.map(({ ratio, measured, baseline }) => [
      measured,
      show(measured),
      baseline,
      show(baseline),
      ratio in report.ratios ? formatRatio(report.ratios[ratio]) : 'n/a',
    ]);
    lines.push(...table(['measured', 'value', 'baseline', 'value', 'ratio'], rows, [false, true, false, true, true]), '');
  }

  const compared = new Set(report.comparisons.flatMap(({ measured, baseline }) => [measured, baseline]));
  const others = Object.keys(report.figures).filter((name) => !compared.has(name));
  if (others.length > 0) {
    lines.push(...table(['figure', 'value'], others.map((name) => [name, show(name)]), [false, true]), '');
  }

  if (report.targets.length > 0) {
    lines.push('targets:');
    for (const { label, pass, actual } of report.targets) lines.push(`  ${pass ? 'PASS' : 'FAIL'}  ${label}  (${actual})`);
    lines.push('');
  }
  if (report.notes.length > 0) lines.push('notes:', ...report.notes.map((note) => item('-', note)), '');
  if (report.errors.length > 0) lines.push('errors:', ...report.errors.map((error) => item('!', error)), '');
  return lines.join('\n');
}

/** A bullet item; continuation lines of a multi-line text are indented under it. */
function item(bullet: string, text: string): string {
  return `  ${bullet} ${text.trimEnd().split('\n').join('\n      ')}`;
}

function table(header: string[], rows: string[][], alignRight: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const render = (cells: string[]) =>
    '  ' + cells.map((cell, i) => (alignRight[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('   ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)];
}

export function formatNumber(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatRatio(value: number): string {
  return `${value.toFixed(2)}x (${(value * 100).toFixed(1)}%)`;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
