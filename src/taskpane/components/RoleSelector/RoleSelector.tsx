import { Caption1, Label, Select } from "@fluentui/react-components";
import { Person16Regular } from "@fluentui/react-icons";
import { useId } from "react";
import { useStrings } from "../../language";
import { isRole, type Role, ROLES } from "../../settings";
import { useRoleSelectorStyles } from "./RoleSelector.styles";

export interface RoleSelectorProps {
  role: Role;
  onRoleChange: (role: Role) => void;
}

/** Who is checking: sets what the pane does by default (flags, live validation). */
export function RoleSelector({ role, onRoleChange }: RoleSelectorProps) {
  const styles = useRoleSelectorStyles();
  const { strings } = useStrings();
  const selectId = useId();
  const hintId = useId();
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Label htmlFor={selectId} size="small" className={styles.label}>
          <Person16Regular aria-hidden="true" />
          {strings.role}
        </Label>
        <Select
          id={selectId}
          className={styles.select}
          size="small"
          value={role}
          aria-describedby={hintId}
          onChange={(_event, data) => {
            if (isRole(data.value)) onRoleChange(data.value);
          }}
          data-testid="role-select"
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {strings.roles[value]}
            </option>
          ))}
        </Select>
      </div>
      <Caption1 id={hintId} className={styles.hint}>
        {strings.roleHints[role]}
      </Caption1>
    </div>
  );
}
