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

/**
 * A text edit. In a rule's report, offsets into the part's text; in a Finding, offsets into the text of the
 * finding's file (`finding.path`, mapped and escaped by review()), so hosts apply it to that file as is.
 */
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
  fix?: Edit;
  suggestions?: { title: string; fix: Edit }[];
  /** Stable across line shifts: rule, part, evidence and an occurrence counter, never positions. */
  fingerprint: string;
}

export type Verdict = 'approved' | 'needs_review' | 'rejected';

export interface Thresholds {
  /** risk >= review → needs_review (a probability in [0, 1]) */
  review: number;
  /** risk >= reject → rejected */
  reject: number;
}

export interface Reason {
  ruleId: string;
  evidence?: string;
  /** Share of the risk model's logit this finding's feature carried (0 for defects, which reject on their own). */
  points: number;
  severity: Severity;
  kind?: Kind;
}

/** A feature that moved the risk: a rule's finding, a phrase category, or a word, with where it is. */
export interface Driver {
  /** The model feature (`r:content/spam-phrases:phrase`, `p:urgency`, `t:winner`, `u:login`...). */
  feature: string;
  /** Share of the calibrated logit (positive: toward spam). */
  weight: number;
  ruleId?: string;
  /** The word or phrase category, for token and category features. */
  token?: string;
  part?: Part;
  span?: Span;
  line?: number;
  column?: number;
}

export interface Decision {
  verdict: Verdict;
  /** Calibrated probability that filters treat the mail as spam, advertising or phishing (the risk model). */
  risk: number;
  /** Findings of kind defect: any rejects. */
  defects: number;
  /** The risk as a percentage (kept: the JSON contract only ever adds fields). */
  score: number;
  /** On risk. */
  thresholds: Thresholds;
  profile: string;
  /** Version of the risk model ('none' when the profile has none). */
  model: string;
  /** Why, in one line: "rejected: 2 defects", "needs review: risk 0.62 ≥ 0.5". */
  summary: string;
  /** What drove the verdict: defects first, then the risk findings that moved the risk most. */
  reasons: Reason[];
  /** The features that moved the risk most, strongest first (both directions). */
  drivers: Driver[];
  /** Whether the subject was reviewed: templates whose provider takes the subject at send time have none. */
  subject: 'reviewed' | 'not_reviewed';
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
  /** The fixed text of each file that fixes changed (hosts set it for `--fix-dry-run`; keyed by display path). */
  output?: Record<string, string>;
}

export type TemplateCategory = 'transactional' | 'notification' | 'marketing';
export type Provider = 'generic' | 'aws' | 'tencent' | 'sendgrid';
