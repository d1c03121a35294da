import { KEY_MAP, SELECTION_KEYS } from './keyMap.ts';

/** The key map, shown on `?`. */
export function KeyMapHelp({ onClose }: { onClose(): void }) {
  const lines = [...SELECTION_KEYS, ...KEY_MAP.flatMap((binding) => (binding.help ? [binding.help] : []))];
  return (
    <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="key-help">
      <h2>Keyboard shortcuts</h2>
      <table>
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
      <button type="button" onClick={onClose} autoFocus>
        Close
      </button>
    </div>
  );
}
