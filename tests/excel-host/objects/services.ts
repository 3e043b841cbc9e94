/**
 * Office's own services, which office.js calls besides Excel's object model. The library
 * creates them with `newObject` (an object path of type NewObject naming the class).
 *
 * AddinInternalService.NotifyActionHandlerReady: once Office.onReady has run, the library's
 * ActionProxy tells the host that the add-in's action handlers (Office.actions) can be called —
 * a request of office.js's own, in every task pane, that Excel answers with success.
 */
import type { Handle, TypeSpec } from "../spec";

export const serviceTypes: Record<string, TypeSpec> = {
  AddinInternalService: {
    methods: { NotifyActionHandlerReady: { call: () => undefined } },
  },
};

/** The classes a request may create with `newObject`, by the name on the wire. */
export const NEW_OBJECTS: Readonly<Record<string, Handle>> = {
  "Microsoft.InternalService.AddinInternalService": { type: "AddinInternalService" },
};
