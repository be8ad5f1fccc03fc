// Annotations: the form that makes one, and the list beside the lines with
// replies. Placeholders for others' private annotations are counted; ones
// that a corrected transcript could not place stay listed.

import { useState } from 'preact/hooks';
import { lineRange } from '../../evidence';
import { isHidden, type Annotation, type AnnotationTag } from '../../protocol';
import { ConflictNote, InlineError, Nudge, UserText } from '../common';
import { TAG_LABEL, TAG_ORDER, plural } from '../labels';
import { useKeepUnsent } from '../useKeepUnsent';
import { WaitingList } from '../Waiting';
import { LIMITS } from '../../generated/contract';
import { useStore } from '../useStore';
import { useVersionedEdit } from '../useVersionedEdit';
import './Annotations.css';

const COMMENT_MAX = LIMITS.max_entry_chars;

export interface AnnotateTarget {
  from_line: string;
  to_line: string;
  start_char?: number;
  end_char?: number;
  label: string;
  quote?: string;
}

function TagChoice(props: { name: string; value: AnnotationTag; onChange(tag: AnnotationTag): void }) {
  return (
    <fieldset class="segmented tags">
      <legend class="field-label">Tag</legend>
      {TAG_ORDER.map((t) => (
        <label key={t} class={`segment tag-${t}`}>
          <input
            type="radio"
            name={props.name}
            value={t}
            checked={props.value === t}
            onChange={() => props.onChange(t)}
            data-testid={`tag-${t}`}
          />
          <span>{TAG_LABEL[t]}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function AnnotateForm(props: { target: AnnotateTarget; onDone(): void }) {
  const { target } = props;
  const store = useStore();
  const [tag, setTag] = useState<AnnotationTag>('notice');
  const [comment, setComment] = useState('');
  const fields = () => ({
    from_line: target.from_line,
    to_line: target.to_line,
    tag,
    comment: comment.trim(),
    ...(target.start_char !== undefined ? { start_char: target.start_char, end_char: target.end_char } : {}),
  });
  useKeepUnsent(store, () => (comment.trim() ? { type: 'annotate', ...fields() } : null));

  function submit(e: Event) {
    e.preventDefault();
    // The form closes at once: the annotation shows in the list as waiting
    // until the server has stored it; a refusal brings it back as a draft.
    void store.write({ type: 'annotate', ...fields() });
    props.onDone();
  }

  return (
    <form class="annotate-form stack-sm" onSubmit={submit} data-testid="annotate-form" aria-label="New annotation">
      <p class="small">
        <strong>Annotate {target.label}</strong>
        {target.quote && (
          <>
            {' '}
            on the words <q class="quote-inline">{target.quote}</q>
          </>
        )}
      </p>
      <TagChoice name="new-annotation-tag" value={tag} onChange={setTag} />
      <label class="field">
        <span class="field-label">Comment</span>
        <textarea
          class="textarea"
          rows={3}
          maxLength={COMMENT_MAX}
          value={comment}
          autoFocus
          placeholder="What did you see or hear?"
          onInput={(e) => setComment(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && props.onDone()}
          data-testid="annotation-comment"
        />
      </label>
      <Nudge text={comment} />
      <div class="row">
        <button type="submit" class="btn btn-small btn-primary" data-testid="annotation-save">
          Save annotation
        </button>
        <button type="button" class="btn btn-small" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function AnnotationList(props: { onShow(a: Annotation): void }) {
  const store = useStore();
  const state = store.state.value!;
  const lines = state.transcript?.lines ?? [];
  const order = new Map(lines.map((l, i) => [l.id, i]));
  const hiddenCount = state.annotations.filter(isHidden).length;
  const visible = state.annotations.filter((a): a is Annotation => !isHidden(a));
  const placed = visible
    .filter((a) => a.placed !== false && order.has(a.from_line))
    .sort(
      (a, b) => order.get(a.from_line)! - order.get(b.from_line)! || a.id.localeCompare(b.id, 'en', { numeric: true }),
    );
  const unplaced = visible.filter((a) => !(a.placed !== false && order.has(a.from_line)));
  const waiting = store
    .waitingOf('annotate')
    .map((m) => ({ id: m.id, text: m.comment ?? '', label: TAG_LABEL[m.tag] }));

  return (
    <section class="annotations-side" aria-labelledby="annotations-heading" data-testid="annotations">
      <h3 id="annotations-heading" class="section-title">
        Annotations <span class="count">{visible.length}</span>
      </h3>
      {hiddenCount > 0 && (
        <p class="muted small" data-testid="hidden-annotations">
          {plural(hiddenCount, 'private annotation')} from others, shown when the facilitator reveals them.
        </p>
      )}
      <WaitingList items={waiting} />
      {placed.length === 0 && unplaced.length === 0 && waiting.length === 0 && (
        <p class="muted small empty">Select a line (or words in it) and choose Annotate.</p>
      )}
      <ul class="annotation-list">
        {placed.map((a) => (
          <AnnotationCard key={a.id} annotation={a} onShow={props.onShow} />
        ))}
      </ul>
      {unplaced.length > 0 && (
        <div class="unplaced" data-testid="unplaced-annotations">
          <h4 class="group-title">Not on the current transcript</h4>
          <p class="muted small">Their words were not found after the transcript changed; they are kept here.</p>
          <ul class="annotation-list">
            {unplaced.map((a) => (
              <AnnotationCard key={a.id} annotation={a} onShow={props.onShow} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function AnnotationCard(props: { annotation: Annotation; onShow(a: Annotation): void }) {
  const { annotation: a } = props;
  const store = useStore();
  const state = store.state.value!;
  const mine = a.author !== '' && a.author === store.you.value;
  const [replying, setReplying] = useState(false);
  const [tag, setTag] = useState<AnnotationTag>(a.tag);
  const [comment, setComment] = useState(a.comment);
  const [reply, setReply] = useState('');
  const edit = useVersionedEdit(a);
  const { editing, conflict, pending } = edit;
  const anonymous = state.template.phases.find((p) => p.id === a.phase)?.anonymous;
  const author = mine ? 'You' : anonymous || !a.author ? '' : store.nameOf(a.author);
  const placed = a.placed !== false && (state.transcript?.lines ?? []).some((l) => l.id === a.from_line);
  const canReply = store.can('annotation_reply');
  const waitingReplies = store.waitingOf('annotation_reply').filter((m) => m.annotation === a.id);
  useKeepUnsent(store, () =>
    replying && reply.trim() ? { type: 'annotation_reply', annotation: a.id, text: reply.trim() } : null,
  );

  async function save(version?: number) {
    await edit.save(
      (v) =>
        store.send(
          { type: 'annotation_edit', annotation: a.id, tag, comment: comment.trim(), version: v },
          { quiet: true },
        ),
      version,
    );
  }

  function sendReply(e: Event) {
    e.preventDefault();
    const text = reply.trim();
    if (!text) return;
    // Shown below as waiting until confirmed; a refusal comes back as a draft.
    setReply('');
    setReplying(false);
    void pending.run(() => store.write({ type: 'annotation_reply', annotation: a.id, text }));
  }

  return (
    <li class={`annotation tag-${a.tag}`} data-testid="annotation" data-annotation={a.id}>
      <div class="annotation-head">
        <span class={`tag-chip tag-${a.tag}`}>{TAG_LABEL[a.tag]}</span>
        {placed ? (
          <button
            type="button"
            class="link-button small"
            onClick={() => props.onShow(a)}
            data-testid="annotation-range"
          >
            {lineRange(state, a)}
          </button>
        ) : (
          <span class="muted small">Unplaced</span>
        )}
        {author && <span class="muted small annotation-author">{author}</span>}
      </div>
      {a.quote && (
        <blockquote class="annotation-quote small">
          <UserText text={a.quote.length > 180 ? `${a.quote.slice(0, 179)}…` : a.quote} />
        </blockquote>
      )}
      {editing ? (
        <form
          class="stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <TagChoice name={`tag-${a.id}`} value={tag} onChange={setTag} />
          <label class="visually-hidden" for={`comment-${a.id}`}>
            Comment
          </label>
          <textarea
            id={`comment-${a.id}`}
            class="textarea"
            rows={3}
            maxLength={COMMENT_MAX}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <Nudge text={comment} />
          {conflict && (
            <ConflictNote
              theirs={`${TAG_LABEL[conflict.tag]}: ${conflict.comment}`}
              onKeepTheirs={edit.stop}
              onRetryMine={() => void save(conflict.version)}
            />
          )}
          <div class="row">
            <button type="submit" class="btn btn-small btn-primary" disabled={pending.busy}>
              Save
            </button>
            <button type="button" class="btn btn-small" onClick={edit.stop}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        a.comment && (
          <p class="annotation-comment" data-testid="annotation-text">
            <UserText text={a.comment} />
          </p>
        )
      )}
      {a.replies.length > 0 && (
        <ul class="replies">
          {a.replies.map((r) => (
            <li key={r.id} class="reply" data-testid="reply">
              <span class="reply-author small">{r.author === store.you.value ? 'You' : store.nameOf(r.author)}</span>
              <UserText text={r.text} />
            </li>
          ))}
        </ul>
      )}
      <WaitingList items={waitingReplies.map((m) => ({ id: m.id, text: m.text }))} />
      {replying && (
        <form class="reply-form stack-sm" onSubmit={sendReply}>
          <label class="visually-hidden" for={`reply-${a.id}`}>
            Reply
          </label>
          <textarea
            id={`reply-${a.id}`}
            class="textarea"
            rows={2}
            maxLength={COMMENT_MAX}
            value={reply}
            autoFocus
            onInput={(e) => setReply(e.currentTarget.value)}
            data-testid="reply-text"
          />
          <Nudge text={reply} />
          <div class="row">
            <button type="submit" class="btn btn-small btn-primary" disabled={!reply.trim()} data-testid="reply-send">
              Reply
            </button>
            <button type="button" class="btn btn-small" onClick={() => setReplying(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {!editing && !replying && (
        <div class="row annotation-tools">
          {canReply && (
            <button type="button" class="btn btn-tiny" onClick={() => setReplying(true)} data-testid="reply">
              Reply
            </button>
          )}
          {mine && (
            <>
              <button
                type="button"
                class="btn btn-tiny"
                onClick={() => {
                  setTag(a.tag);
                  setComment(a.comment);
                  edit.begin();
                }}
              >
                Edit
              </button>
              <button
                type="button"
                class="btn btn-tiny btn-quiet-danger"
                disabled={pending.busy}
                onClick={() => pending.run(() => store.send({ type: 'annotation_remove', annotation: a.id }))}
              >
                Remove
              </button>
            </>
          )}
        </div>
      )}
      <InlineError message={pending.error} />
    </li>
  );
}
