// Reading together: speaker-tagged lines with times. The facilitator or
// presenter brings everyone to a line; others follow by default, may read
// ahead (following pauses when the group's line scrolls out of view), and
// rejoin with "Back to the group". Lines (or words in them) are selected to
// annotate.

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isHidden, type Annotation, type AnnotationTag, type TranscriptLineWire } from '../../protocol';
import { TAG_LABEL, lineTime, plural } from '../labels';
import { AnnotateForm, AnnotationList, type AnnotateTarget } from './Annotations';
import { readWordsSelection, type WordsSelection } from './selection';
import { useStore } from '../useStore';
import './Reader.css';

interface Range {
  from: number;
  to: number;
}

function isTyping(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function TranscriptReader() {
  const store = useStore();
  const state = store.state.value!;
  const transcript = state.transcript!;
  const lines = transcript.lines;
  const focus = state.focus_line;
  const focusIndex = lines.findIndex((l) => l.id === focus);
  const leader = store.can('focus_line');
  const canAnnotate = store.can('annotate');

  const [following, setFollowing] = useState(true);
  const [range, setRange] = useState<Range | null>(null);
  const [active, setActive] = useState(0);
  const [words, setWords] = useState<WordsSelection | null>(null);
  const [target, setTarget] = useState<AnnotateTarget | null>(null);
  const box = useRef<HTMLOListElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const lastFocus = useRef(focus);
  // The line this person just brought everyone to: they are already there.
  const broughtHere = useRef('');

  const lineEl = (id: string) => box.current?.querySelector<HTMLElement>(`[data-line="${CSS.escape(id)}"]`) ?? null;

  function scrollToLine(id: string, page: boolean) {
    const el = lineEl(id);
    const container = box.current;
    if (!el || !container) return;
    if (page && !isTyping()) {
      el.scrollIntoView({ block: 'center', behavior: 'auto' });
      return;
    }
    container.scrollTop = Math.max(0, el.offsetTop - container.clientHeight / 2 + el.offsetHeight / 2);
  }

  function lineVisible(id: string): boolean {
    const el = lineEl(id);
    const container = box.current;
    if (!el || !container) return true;
    return (
      el.offsetTop + el.offsetHeight > container.scrollTop &&
      el.offsetTop < container.scrollTop + container.clientHeight
    );
  }

  // The group moved: follow, and say so to screen readers.
  useLayoutEffect(() => {
    const moved = focus !== lastFocus.current;
    lastFocus.current = focus;
    if (!focus) return;
    const mine = moved && focus === broughtHere.current;
    broughtHere.current = '';
    if (following && !mine) scrollToLine(focus, moved);
    if (moved && focusIndex >= 0) {
      store.announce(`The group is at line ${focusIndex + 1}${following ? '' : ' (you are reading ahead)'}.`);
    }
  }, [focus]);

  // The text selection inside the lines, for annotating words.
  useEffect(() => {
    const onChange = () => setWords(readWordsSelection(box.current));
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);

  function onScroll() {
    if (following && focus && !lineVisible(focus)) setFollowing(false);
  }

  function rejoin() {
    setFollowing(true);
    if (focus) scrollToLine(focus, true);
  }

  function select(i: number, extend: boolean) {
    setActive(i);
    setTarget(null);
    if (extend && range) {
      const anchor = range.from === range.to ? range.from : i < range.from ? range.to : range.from;
      setRange({ from: Math.min(anchor, i), to: Math.max(anchor, i) });
      return;
    }
    setRange(range && range.from === i && range.to === i ? null : { from: i, to: i });
  }

  function focusButton(i: number) {
    const clamped = Math.max(0, Math.min(lines.length - 1, i));
    setActive(clamped);
    box.current?.querySelector<HTMLElement>(`[data-select="${clamped}"]`)?.focus();
    return clamped;
  }

  function onKeyDown(e: KeyboardEvent, i: number) {
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (e.key in step) {
      e.preventDefault();
      const next = focusButton(i + step[e.key]);
      if (e.shiftKey) select(next, true);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusButton(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusButton(lines.length - 1);
    } else if (e.key === 'Escape') {
      setRange(null);
      setTarget(null);
    }
  }

  function bringHere() {
    const i = words ? lines.findIndex((l) => l.id === words.fromLine) : (range?.from ?? -1);
    if (i < 0) return;
    setFollowing(true);
    broughtHere.current = lines[i].id;
    void store.send({ type: 'focus_line', line: lines[i].id });
  }

  function openAnnotate() {
    if (words) {
      const from = lines.findIndex((l) => l.id === words.fromLine);
      const to = lines.findIndex((l) => l.id === words.toLine);
      setTarget({
        from_line: words.fromLine,
        to_line: words.toLine,
        start_char: words.startChar,
        end_char: words.endChar,
        quote: words.quote.length > 120 ? `${words.quote.slice(0, 119)}…` : words.quote,
        label: to > from ? `lines ${from + 1}–${to + 1}` : `line ${from + 1}`,
      });
    } else if (range) {
      setTarget({
        from_line: lines[range.from].id,
        to_line: lines[range.to].id,
        label: range.to > range.from ? `lines ${range.from + 1}–${range.to + 1}` : `line ${range.from + 1}`,
      });
    }
  }

  function show(a: Annotation) {
    const from = lines.findIndex((l) => l.id === a.from_line);
    const to = lines.findIndex((l) => l.id === a.to_line);
    if (from < 0) return;
    setRange({ from, to: Math.max(from, to) });
    setActive(from);
    scrollToLine(a.from_line, false);
    if (focus && !lineVisible(focus)) setFollowing(false);
  }

  // Which tags mark each line.
  const marks = new Map<number, AnnotationTag[]>();
  const order = new Map(lines.map((l, i) => [l.id, i]));
  for (const a of state.annotations) {
    if (isHidden(a) || a.placed === false) continue;
    const from = order.get(a.from_line);
    const to = order.get(a.to_line) ?? from;
    if (from === undefined || to === undefined) continue;
    for (let i = from; i <= to; i++) marks.set(i, [...(marks.get(i) ?? []), a.tag]);
  }

  const selectionLabel = words
    ? `“${words.quote.length > 40 ? `${words.quote.slice(0, 39)}…` : words.quote}” selected`
    : range
      ? range.to > range.from
        ? `Lines ${range.from + 1}–${range.to + 1} selected`
        : `Line ${range.from + 1} selected`
      : '';

  return (
    <div class="reader-layout" ref={root} data-testid="reader">
      <div class="reader">
        <div class="follow-bar" data-testid="follow-bar" data-following={following ? 'true' : 'false'}>
          {focusIndex < 0 ? (
            <span class="muted small">
              {leader ? 'Select a line and choose “Bring everyone here”.' : 'Read at your own pace.'}
            </span>
          ) : following ? (
            <span class="small follow-state">
              <span class="follow-dot" aria-hidden="true" /> Following the group · line {focusIndex + 1}
            </span>
          ) : (
            <>
              <span class="small">You are reading ahead. The group is at line {focusIndex + 1}.</span>
              <button type="button" class="btn btn-small btn-primary" onClick={rejoin} data-testid="back-to-group">
                Back to the group
              </button>
            </>
          )}
        </div>
        <ol class="lines" ref={box} onScroll={onScroll} aria-label="Transcript lines" data-testid="transcript-lines">
          {lines.map((line, i) => (
            <LineRow
              key={line.id}
              line={line}
              index={i}
              selected={range !== null && i >= range.from && i <= range.to}
              focused={line.id === focus}
              tabbable={i === active}
              tags={marks.get(i) ?? []}
              onSelect={select}
              onKeyDown={onKeyDown}
            />
          ))}
        </ol>
        {(range || words) && !target && (
          <div class="selection-bar" role="toolbar" aria-label="Selected lines" data-testid="selection-bar">
            <span class="small selection-label">{selectionLabel}</span>
            {canAnnotate && (
              <button type="button" class="btn btn-small btn-primary" onClick={openAnnotate} data-testid="annotate">
                Annotate
              </button>
            )}
            {leader && (
              <button type="button" class="btn btn-small" onClick={bringHere} data-testid="bring-here">
                Bring everyone here
              </button>
            )}
            <button
              type="button"
              class="btn btn-small btn-quiet"
              onClick={() => {
                setRange(null);
                window.getSelection()?.removeAllRanges();
              }}
            >
              Clear
            </button>
          </div>
        )}
        {target && (
          <AnnotateForm
            target={target}
            onDone={() => {
              setTarget(null);
              setRange(null);
              window.getSelection()?.removeAllRanges();
            }}
          />
        )}
      </div>
      <AnnotationList onShow={show} />
    </div>
  );
}

function LineRow(props: {
  line: TranscriptLineWire;
  index: number;
  selected: boolean;
  focused: boolean;
  tabbable: boolean;
  tags: AnnotationTag[];
  onSelect(i: number, extend: boolean): void;
  onKeyDown(e: KeyboardEvent, i: number): void;
}) {
  const { line, index, selected, focused, tags } = props;
  const time = lineTime(line.start_ms);
  return (
    <li
      class={`line${selected ? ' is-selected' : ''}${focused ? ' is-focus' : ''}`}
      data-line={line.id}
      data-testid="transcript-line"
      data-focus={focused ? 'true' : undefined}
    >
      <button
        type="button"
        class="line-number"
        tabIndex={props.tabbable ? 0 : -1}
        aria-pressed={selected}
        aria-label={`Line ${index + 1}, ${line.speaker}${focused ? ', where the group is' : ''}`}
        data-select={index}
        onClick={(e) => props.onSelect(index, e.shiftKey)}
        onKeyDown={(e) => props.onKeyDown(e, index)}
      >
        {index + 1}
      </button>
      <div class="line-body">
        <div class="line-head">
          <span class={`line-speaker role-${line.role}`}>{line.speaker}</span>
          {time && <span class="line-time">{time}</span>}
          {tags.length > 0 && (
            <span class="line-marks" title={tags.map((t) => TAG_LABEL[t]).join(', ')}>
              {tags.slice(0, 4).map((t, i) => (
                <span key={i} class={`mark tag-${t}`} aria-hidden="true" />
              ))}
              <span class="visually-hidden">{plural(tags.length, 'annotation')}</span>
            </span>
          )}
        </div>
        <span class="line-text" data-line-text={line.id}>
          {line.text}
        </span>
      </div>
    </li>
  );
}
