import { useMutate, useQuery } from '../data/DataProvider.tsx';

/**
 * The project's two switches, for whoever leads the investigation: four-eyes review
 * and blind annotation. Each change is an undo step and reaches every device by sync.
 */
export function ProjectOptionsForm() {
  const { data: options } = useQuery('project.options', {});
  const mutate = useMutate();
  if (!options) return null;
  const set = (name: 'four-eyes' | 'blind', enabled: boolean) => void mutate('project.setOption', { name, enabled });
  return (
    <fieldset className="project-options">
      <legend>Project options (shared with the team by sync)</legend>
      <label>
        <input type="checkbox" checked={options.fourEyes} onChange={(e) => set('four-eyes', e.target.checked)} /> Four-eyes review: a link is confirmed only by
        someone other than its creator
      </label>
      <label>
        <input type="checkbox" checked={options.blind} onChange={(e) => set('blind', e.target.checked)} /> Blind annotation: analysts see only their own spans
        until they mark an article done
      </label>
    </fieldset>
  );
}
