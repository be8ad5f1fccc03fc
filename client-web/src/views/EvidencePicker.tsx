// Choose the evidence behind an adaptation or an assumption's status:
// annotations, board items and transcript lines.

import { useId } from 'preact/hooks';
import { describeEvidence, evidenceOptions } from '../evidence';
import type { SessionState } from '../protocol';
import { LIMITS } from '../generated/contract';
import './EvidencePicker.css';

const MAX_EVIDENCE = LIMITS.max_evidence;

export function EvidencePicker(props: {
  state: SessionState;
  value: string[];
  onChange(value: string[]): void;
  /** A board item that cannot be its own evidence. */
  exclude?: string;
}) {
  const { state, value, onChange } = props;
  const id = useId();
  const options = evidenceOptions(state, props.exclude);
  const annotations = options.filter((o) => o.group === 'annotation');
  const items = options.filter((o) => o.group === 'item');
  const lines = options.filter((o) => o.group === 'line');
  const full = value.length >= MAX_EVIDENCE;
  const toggle = (ref: string, on: boolean) =>
    onChange(on ? [...value.filter((r) => r !== ref), ref] : value.filter((r) => r !== ref));
  const chosenLines = value.filter((r) => r.startsWith('line:'));

  return (
    <fieldset class="evidence-picker" data-testid="evidence-picker">
      <legend>
        Evidence{' '}
        <span class="muted small">
          ({value.length} of at most {MAX_EVIDENCE})
        </span>
      </legend>
      {options.length === 0 && (
        <p class="muted small">Nothing to point to yet: annotations, board items and transcript lines appear here.</p>
      )}
      {annotations.length > 0 && (
        <div class="evidence-group">
          <p class="evidence-group-title">Annotations</p>
          {annotations.map((o) => (
            <Check key={o.ref} option={o} checked={value.includes(o.ref)} disabled={full} onToggle={toggle} />
          ))}
        </div>
      )}
      {items.length > 0 && (
        <div class="evidence-group">
          <p class="evidence-group-title">Assumption board</p>
          {items.map((o) => (
            <Check key={o.ref} option={o} checked={value.includes(o.ref)} disabled={full} onToggle={toggle} />
          ))}
        </div>
      )}
      {lines.length > 0 && (
        <div class="evidence-group">
          <label class="evidence-group-title" for={`${id}-line`}>
            Transcript lines
          </label>
          {chosenLines.length > 0 && (
            <ul class="chips">
              {chosenLines.map((ref) => (
                <li class="chip" key={ref}>
                  <span>{describeEvidence(state, ref)}</span>
                  <button
                    type="button"
                    class="chip-remove"
                    aria-label={`Remove ${describeEvidence(state, ref)}`}
                    onClick={() => toggle(ref, false)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <select
            id={`${id}-line`}
            class="select"
            disabled={full}
            value=""
            data-testid="evidence-line"
            onChange={(e) => {
              const ref = e.currentTarget.value;
              if (ref) toggle(ref, true);
              e.currentTarget.value = '';
            }}
          >
            <option value="">Add a transcript line…</option>
            {lines
              .filter((o) => !value.includes(o.ref))
              .map((o) => (
                <option key={o.ref} value={o.ref}>
                  {o.label}
                </option>
              ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}

function Check(props: {
  option: { ref: string; label: string };
  checked: boolean;
  disabled: boolean;
  onToggle(ref: string, on: boolean): void;
}) {
  const { option, checked } = props;
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={checked}
        disabled={props.disabled && !checked}
        onChange={(e) => props.onToggle(option.ref, e.currentTarget.checked)}
        data-evidence={option.ref}
      />
      <span>{option.label}</span>
    </label>
  );
}

/** The evidence of an item or adaptation, as a short list. */
export function EvidenceList({ state, refs }: { state: SessionState; refs: string[] }) {
  if (refs.length === 0) return null;
  return (
    <ul class="evidence-list small" aria-label="Evidence" data-testid="evidence-list">
      {refs.map((r) => (
        <li key={r}>
          <span class="visually-hidden">Evidence: </span>
          {describeEvidence(state, r)}
        </li>
      ))}
    </ul>
  );
}
