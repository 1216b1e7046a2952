/** What rendering a template with one TemplateData sample gives (types only: the library API exports them). */
export interface RenderedPart {
  output?: string;
  error?: string;
  /** The render stopped at a budget (error says which): the template would do too much work per message. */
  budget?: 'renderSteps' | 'renderOutput' | 'nesting';
}

export interface RenderedSample {
  /** Index of the sample in the data file (0 for a single object). */
  index: number;
  data: unknown;
  subject?: RenderedPart;
  html?: RenderedPart;
  text?: RenderedPart;
}
