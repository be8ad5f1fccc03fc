// Transcript import and redaction, entirely in the presenter's browser: real
// names never leave it. Parse → suggest names → build pseudonyms → redact →
// findRemaining() must be empty → only then send the lines.

export type { FormatChoice, ParseError, ParseResult, TranscriptFormat, TranscriptLine } from './types';
export {
  LIMITS,
  MAX_INPUT_BYTES,
  MAX_LINE_CHARS,
  MAX_SPEAKER_CHARS,
  MAX_SPEAKERS,
  MAX_TRANSCRIPT_LINES,
} from './limits';
export { formatParseError } from './errors';
export { decodeTranscriptBytes, type DecodeResult } from './decode';
export { detectFormat, parseTranscript } from './parse';
export { suggestNames, type NameSuggestion } from './names';
export {
  buildPseudonyms,
  findRemaining,
  letterLabel,
  redact,
  speakersOf,
  type HiddenName,
  type PersonRole,
  type PersonToHide,
  type RemainingName,
} from './redact';
export {
  findOccurrences,
  isWordLikeName,
  type Occurrence,
  type OccurrenceKind,
  type AmbiguityReason,
} from './occurrences';
export { foldName } from './name-pattern';
