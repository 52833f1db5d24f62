using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hil.Foundation;
using Hil.MacInterop;

namespace Hil.UserClients.MacOS;

/// <summary>
/// The macOS completion thread: an IONotificationPort whose run-loop source lives on this
/// thread's CFRunLoop, so every IOAsyncCallback runs here (the sim's completion thread does
/// the same job). Handlers are reached through a GCHandle refcon; args are copied into a
/// per-target buffer by the shared <see cref="IOKitMarshal"/>. The loop runs through
/// <see cref="RunLoopRunner"/>, so a Dispose right after the start still ends the thread.
/// </summary>
internal sealed unsafe class IOKitCompletionThread : IDisposable
{
    private readonly ManualResetEventSlim started = new();
    private readonly Thread thread;
    private readonly List<GCHandle> targets = [];
    private readonly RunLoopRunner loop = new();
    private nint port;

    public IOKitCompletionThread(string endpoint)
    {
        thread = new Thread(Run) { IsBackground = true, Name = "hil-iokit-completions" };
        thread.Start();
        if (!started.Wait(TimeSpan.FromSeconds(5)))
        {
            throw new WaitTimeoutException($"the IOKit completion run loop for {endpoint} to start", TimeSpan.FromSeconds(5), FaultKind.InfrastructureFault);
        }

        WakePort = IOKitNative.IONotificationPortGetMachPort(port);
    }

    public uint WakePort { get; }

    /// <summary>The refcon to put in the async reference for <paramref name="handler"/>; freed on Dispose.</summary>
    public nint Target(string endpoint, uint reference, AsyncCompletionHandler handler)
    {
        var h = GCHandle.Alloc(new CompletionTarget(endpoint, reference, handler));
        lock (targets)
        {
            targets.Add(h);
        }

        return GCHandle.ToIntPtr(h);
    }

    public static nint Callback => (nint)(delegate* unmanaged<nint, int, nint*, uint, void>)&OnAsync;

    public void Dispose()
    {
        loop.Stop();
        if (!thread.Join(TimeSpan.FromSeconds(5)))
        {
            throw new WaitTimeoutException("the IOKit completion run loop to stop", TimeSpan.FromSeconds(5), FaultKind.InfrastructureFault);
        }

        if (port != 0)
        {
            IOKitNative.IONotificationPortDestroy(port);
        }

        lock (targets)
        {
            targets.ForEach(t => t.Free());
            targets.Clear();
        }

        started.Dispose();
        loop.Dispose();
    }

    [UnmanagedCallersOnly]
    private static void OnAsync(nint refcon, int result, nint* args, uint numArgs)
    {
        if (GCHandle.FromIntPtr(refcon).Target is CompletionTarget t)
        {
            t.Fire(result, new ReadOnlySpan<nint>(args, (int)numArgs));
        }
    }

    private void Run()
    {
        port = IOKitNative.IONotificationPortCreate(IOKitNative.MainPortDefault);
        IOKitNative.CFRunLoopAddSource(
            IOKitNative.CFRunLoopGetCurrent(), IOKitNative.IONotificationPortGetRunLoopSource(port), IOKitNative.RunLoopDefaultMode());
        started.Set();
        loop.Run();
    }

    private sealed class CompletionTarget(string endpoint, uint reference, AsyncCompletionHandler handler)
    {
        private readonly ulong[] args = new ulong[16];

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Fire(int result, ReadOnlySpan<nint> raw)
        {
            // An exception must not unwind into IOKit's C frames: a bad completion is dropped here
            // and reported by the handler's own accounting (the relay counts what it never saw).
            try
            {
                var n = IOKitMarshal.CopyAsyncArgs(raw, args, endpoint);
                handler(reference, IOReturnText.FromKernReturn(result), args.AsSpan(0, n));
            }
#pragma warning disable CA1031
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"user client {endpoint}: completion {reference} failed: {ex.Message}");
            }
        }
    }
}
