import { Component, type ReactNode } from 'react';
import { ReactEditor } from 'slate-react';

/**
 * Keeps the analyst's text selection through a re-render of the text.
 *
 * The pane does not let Slate track the selection (see ReadingPane), so
 * Slate's copy stays empty; and after every render of a focused editor Slate
 * makes the browser's selection match its copy. Left alone, it would clear a
 * word just double-clicked whenever an answer arriving meanwhile (a stored
 * tag, new ghosts) re-renders the text. Just before React changes the page,
 * this hands Slate the browser's selection as it is: Slate then leaves it be,
 * or puts it back when the re-render replaced the text nodes it lay in.
 */
export class SelectionKeeper extends Component<{ editor: ReactEditor; children: ReactNode }> {
  override getSnapshotBeforeUpdate(): null {
    const { editor } = this.props;
    const selection = window.getSelection();
    const inText =
      selection !== null &&
      selection.rangeCount > 0 &&
      ReactEditor.hasDOMNode(editor, selection.anchorNode!) &&
      ReactEditor.hasDOMNode(editor, selection.focusNode!);
    // Assigned, not applied as an operation: an operation would re-render the whole pane.
    editor.selection = inText ? ReactEditor.toSlateRange(editor, selection, { exactMatch: false, suppressThrow: true }) : null;
    return null;
  }

  // React calls getSnapshotBeforeUpdate only for a component that has componentDidUpdate.
  override componentDidUpdate(): void {}

  override render(): ReactNode {
    return this.props.children;
  }
}
