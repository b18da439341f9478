import { useId } from 'react';
import { useBoard } from '../session/hooks';

/**
 * A checkbox for one of the facilitator's yes/no settings, with its help text tied to it (aria-describedby);
 * disabled where this page may not write the settings (a locked or archived board).
 */
export function SettingSwitch(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  help: string;
  helpClassName: string;
}) {
  const { canEditSettings } = useBoard();
  const helpId = useId();
  return (
    <>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={props.checked}
          disabled={!canEditSettings}
          aria-describedby={helpId}
          onChange={(event) => props.onChange(event.target.checked)}
        />
        <span>{props.label}</span>
      </label>
      <p id={helpId} className={props.helpClassName}>
        {props.help}
      </p>
    </>
  );
}
