import { Component, useMemo, type ReactNode } from 'react';
import { plainTextParagraphs } from '@shared/plain-text-paragraphs';

export interface PlainTextBodyProps {
  /** Untrusted Markdown with raw HTML: only its text is shown (React escapes it). */
  readonly body: string;
  /** Why it is not formatted: a phrase completing "this post …". */
  readonly reason: string;
}

/**
 * A body shown as paragraphs of plain text after a notice saying why: for bodies too complex to
 * format safely, or that failed to render. Never parses the body as Markdown or HTML.
 */
export function PlainTextBody({ body, reason }: PlainTextBodyProps) {
  const paragraphs = useMemo(() => plainTextParagraphs(body), [body]);
  return (
    <>
      <p className="article__original-note plain-text-notice" role="note">
        Shown as plain text: this post {reason}.
      </p>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </>
  );
}

export interface PostBodyBoundaryProps {
  /** The body being rendered inside: shown as plain text if rendering it fails. */
  readonly body: string;
  readonly children: ReactNode;
}

interface PostBodyBoundaryState {
  /** The body the state belongs to: a new body gets a new attempt at formatting. */
  readonly body: string;
  readonly failed: boolean;
}

/**
 * Catches any failure rendering a formatted body (a stack overflow on markup nested deeper than
 * the core foresaw, a bug in a plugin) and shows the body as plain text instead, so one post can
 * never blank the whole window. (React still reports the caught error on the console.)
 */
export class PostBodyBoundary extends Component<PostBodyBoundaryProps, PostBodyBoundaryState> {
  override state: PostBodyBoundaryState = { body: this.props.body, failed: false };

  static getDerivedStateFromProps(
    props: PostBodyBoundaryProps,
    state: PostBodyBoundaryState,
  ): Partial<PostBodyBoundaryState> | null {
    return props.body === state.body ? null : { body: props.body, failed: false };
  }

  static getDerivedStateFromError(): Partial<PostBodyBoundaryState> {
    return { failed: true };
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return <PlainTextBody body={this.props.body} reason="could not be formatted" />;
    }
    return this.props.children;
  }
}
