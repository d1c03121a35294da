import { Dialog } from '../shell/Dialog.tsx';
import { helpLines, type Scope } from './keyTable.ts';

/** The key map, shown on `?`: the keys of the view it was opened in, from the table the router uses. */
export function KeyMapHelp({ scopes, onClose }: { scopes: readonly Scope[]; onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" id="key-help-heading" className="key-help" onClose={onClose}>
      {helpLines(scopes).map(({ scope, title, lines }) => (
        <table key={scope} aria-label={title}>
          <caption>{title}</caption>
          <tbody>
            {lines.map((line) => (
              <tr key={line.keys}>
                <th scope="row">
                  <kbd>{line.keys}</kbd>
                </th>
                <td>{line.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <button type="button" onClick={onClose} data-autofocus>
        Close
      </button>
    </Dialog>
  );
}
