/**
 * inboxlint as a library. What this module exports is the semver contract (docs/api.md):
 * review a template bundle from files, from strings or from provider JSON, with a Reviewer you keep warm
 * or with one-shot functions, and get the same Report the CLI prints.
 */
export { Reviewer, reviewTemplate, reviewProviderJson, reviewFiles, isBundledProfile, ruleDocsUrl, VERSION } from './api/reviewer.js';
export type { ReviewerOptions, Review, FileEdit, RuleFailure, RuleInfo, FilesResult, FileReview, ReviewEachOptions, ReportStore, ReportWriter, DataSchemaResult, RenderedSample, ProbeStats } from './api/reviewer.js';
export type { TemplateInput, ProviderJsonInput } from './api/input.js';
export { providerFormat, type ProviderFormat } from './parse/provider.js';
export { ConfigError } from './config/errors.js';
export { UsageError } from './node/discover.js';
export { formatReports, FORMATS, type FormatName } from './api/format.js';
export { decideVerdict, driverLabel, riskDrivers } from './api/verdict.js';
export type { Report, Finding, Decision, Verdict, Reason, Driver, Thresholds, Edit, Span, Part, Severity, Kind, Category, Provider } from './core/types.js';
