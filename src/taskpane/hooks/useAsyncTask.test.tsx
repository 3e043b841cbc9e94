/** @jest-environment jsdom */
import "../test/setup";
import { act, renderHook } from "@testing-library/react";
import { useAsyncTask } from "./useAsyncTask";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe("useAsyncTask", () => {
  it("goes idle → running → done, reporting progress", async () => {
    const gate = deferred<number>();
    const { result } = renderHook(() =>
      useAsyncTask(async (report, x: number) => {
        report({ stage: "read", fraction: 0.5 });
        return (await gate.promise) + x;
      }),
    );
    expect(result.current.status).toBe("idle");
    let run!: Promise<number | undefined>;
    act(() => {
      run = result.current.run(1);
    });
    expect(result.current.status).toBe("running");
    expect(result.current.progress).toEqual({ stage: "read", fraction: 0.5 });
    await act(async () => gate.resolve(41));
    expect(await run).toBe(42);
    expect(result.current).toMatchObject({ status: "done", value: 42, progress: null });
  });

  it("goes to failed with the error, and back to idle on reset", async () => {
    const { result } = renderHook(() => useAsyncTask(async () => Promise.reject(new Error("nope"))));
    await act(async () => {
      expect(await result.current.run()).toBeUndefined();
    });
    expect(result.current.status).toBe("failed");
    expect((result.current.error as Error).message).toBe("nope");
    act(() => result.current.reset());
    expect(result.current.status).toBe("idle");
  });

  it("ignores the outcome of a superseded run", async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const gates = [first, second];
    const { result } = renderHook(() => useAsyncTask(async () => gates.shift()!.promise));
    let a!: Promise<string | undefined>;
    act(() => {
      a = result.current.run();
      void result.current.run();
    });
    await act(async () => second.resolve("second"));
    await act(async () => first.resolve("first"));
    expect(await a).toBeUndefined();
    expect(result.current.value).toBe("second");
  });
});
