/** UTF-16 offsets into a part's text (what JS strings and LSP use). `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type Part = 'html' | 'text' | 'subject' | 'data' | 'schema' | 'meta';
export type Severity = 'error' | 'warning' | 'info';
/** How a finding affects the verdict: a defect rejects, risk feeds the risk model, advice never decides. */
export type Kind = 'defect' | 'risk' | 'advice';
export type Category =
  | 'syntax'
  | 'data'
  | 'images'
  | 'links'
  | 'content'
  | 'html'
  | 'accessibility'
  | 'compliance';

export interface Edit {
  span: Span;
  text: string;
}

export interface Finding {
  ruleId: string;
  /** Which of the rule's messages this is (as in ESLint). */
  messageId: string;
  category: Category;
  severity: Severity;
  kind: Kind;
  message: string;
  part: Part;
  /** File the line/column refer to (the part's own file, or the provider JSON that embeds it). */
  path: string;
  span: Span;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  evidence?: string;
  points?: number;
  fix?: Edit;
  suggestions?: { title: string; fix: Edit }[];
  /** Stable across line shifts: rule, part, evidence and an occurrence counter, never positions. */
  fingerprint: string;
}

export type Verdict = 'approved' | 'needs_review' | 'rejected';

export interface Thresholds {
  /** score >= review → needs_review */
  review: number;
  /** score >= reject → rejected */
  reject: number;
}

export interface Reason {
  ruleId: string;
  evidence?: string;
  points: number;
  severity: Severity;
}

export interface Decision {
  verdict: Verdict;
  score: number;
  thresholds: Thresholds;
  profile: string;
  /** What drove the verdict: errors first, then the top score contributors. */
  reasons: Reason[];
  probes: 'ran' | 'skipped';
}

export interface Report {
  /** Display path of the template (its primary file). */
  path: string;
  name: string;
  decision: Decision;
  findings: Finding[];
  /** Per-part files, for formatters that print code frames. */
  files: Partial<Record<Part, { path: string; text: string }>>;
  /** Files a part is composed of besides its own (MJML includes), for code frames of findings in them. */
  includedFiles?: { path: string; text: string }[];
}

export type TemplateCategory = 'transactional' | 'notification' | 'marketing';
export type Provider = 'generic' | 'aws' | 'tencent' | 'sendgrid';
