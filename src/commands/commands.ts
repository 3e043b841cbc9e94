/*
 * The ribbon's function file (manifest.xml <FunctionFile>). The only ribbon button opens the task
 * pane (ShowTaskpane), which Office does by itself; a future ExecuteFunction button registers its
 * handler here with Office.actions.associate("<FunctionName>", handler).
 */
Office.onReady(() => {
  // Nothing to set up: there are no ExecuteFunction commands yet.
});

export {};
