import { makeStyles } from "@fluentui/react-components";

export const useAddinAppStyles = makeStyles({
  main: {
    minWidth: 0,
  },
});
