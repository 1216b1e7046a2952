declare module 'mjml' {
  interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }
  interface MjmlOutput {
    html: string;
    errors: MjmlError[];
    json?: unknown;
  }
  export default function mjml2html(input: string, options?: Record<string, unknown>): Promise<MjmlOutput>;
}
