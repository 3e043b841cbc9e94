import type { Language } from "../../../engine/types";
import { HostProvider, type TaskPaneHost } from "../../host";
import type { SettingsStorage } from "../../settings";
import { AppRoot } from "../AppRoot/AppRoot";
import { TaskPane } from "../TaskPane/TaskPane";
import { useAddinAppStyles } from "./AddinApp.styles";

export interface AddinAppProps {
  host: TaskPaneHost;
  storage: SettingsStorage | undefined;
  fallbackLanguage: Language;
}

/** The task pane as Excel shows it: the pane is the whole page. */
export function AddinApp({ host, storage, fallbackLanguage }: AddinAppProps) {
  const styles = useAddinAppStyles();
  return (
    <AppRoot storage={storage} fallbackLanguage={fallbackLanguage}>
      {(settings) => (
        <HostProvider value={host}>
          <main className={styles.main}>
            <TaskPane
              role={settings.role}
              onRoleChange={settings.setRole}
              onLanguageChange={settings.setLanguage}
              personName={settings.personName}
              onPersonNameChange={settings.setPersonName}
            />
          </main>
        </HostProvider>
      )}
    </AppRoot>
  );
}
