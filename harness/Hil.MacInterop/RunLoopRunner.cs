namespace Hil.MacInterop;

/// <summary>
/// Runs the calling thread's CFRunLoop until <see cref="Stop"/>, for the two threads that serve
/// IONotificationPorts (USB notifications, user-client completions). CFRunLoopStop ends only a
/// run in progress: a stop that comes before CFRunLoopRun starts is lost (CoreFoundation resets
/// its per-run state when a run begins), and a thread that called CFRunLoopRun would then run
/// for ever. So the loop runs in bounded slices and checks a flag between them; a stop ends the
/// current slice at once and any stop is seen within one slice.
/// </summary>
internal sealed class RunLoopRunner : IDisposable
{
    private const int RunFinished = 1; // kCFRunLoopRunFinished: no source in the mode
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(250);
    private readonly ManualResetEventSlim _stopping = new();
    private nint _runLoop;

    /// <summary>Runs on the calling thread until <see cref="Stop"/>.</summary>
    public void Run()
    {
        _runLoop = IOKitNative.CFRunLoopGetCurrent();
        var mode = IOKitNative.RunLoopDefaultMode();
        while (!_stopping.IsSet)
        {
            if (IOKitNative.CFRunLoopRunInMode(mode, Slice.TotalSeconds, returnAfterSourceHandled: false) == RunFinished)
            {
                _stopping.Wait(Slice); // nothing to serve yet: do not spin
            }
        }
    }

    /// <summary>Ends <see cref="Run"/> from any thread, before or after it started.</summary>
    public void Stop()
    {
        _stopping.Set();
        if (Volatile.Read(ref _runLoop) is var loop and not 0)
        {
            IOKitNative.CFRunLoopStop(loop);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
