using Hil.Foundation;
using Hil.Foundation.Processes;
using Hil.Rigs;
using Hil.Session;
using Hil.Session.Tests.Helper;

// Usage: Hil.Session.Tests.Helper hold|crash|children LOCKDIR STATEDIR READYFILE
//   hold:     lease the rig, switch every channel on, write READYFILE (our pid), wait to be signalled.
//   crash:    the same, then throw on a background thread as a crashing fixture would.
//   children: the same as hold, with a child process (sleep) started through ProcessRunner first.
if (args.Length != 4 || args[0] is not ("hold" or "crash" or "children"))
{
    await Console.Error.WriteLineAsync("usage: Hil.Session.Tests.Helper hold|crash|children LOCKDIR STATEDIR READYFILE");
    return 2;
}

var rig = RigFile.Parse(ChildRig.Yaml, "child-rig.yaml");
var parts = new FakeParts(args[2]);
var session = await RigSession.OpenAsync(rig, parts, new RigSessionOptions { LockDirectory = args[1] });
var relay = rig.Power["relay1"];
for (var channel = PowerKinds.FirstChannel(relay.Kind); channel <= PowerKinds.LastChannel(relay.Kind, relay.Channels); channel++)
{
    await session.SetPowerAsync(new ChannelRef("relay1", channel), on: true);
}

if (args[0] == "children")
{
    // Never awaited: it runs until the test kills this process, as a floor tool or test host would.
    _ = ProcessRunner.RunAsync(new ProcessCommand("sleep", "600") { Timeout = TimeSpan.FromMinutes(15) }, TimeProvider.System, CancellationToken.None);
}

AtomicFile.WriteAllText(args[3], $"{Environment.ProcessId}\n");
if (args[0] == "crash")
{
    var thread = new Thread(() => throw new InvalidOperationException("fixture blew up"));
    thread.Start();
}

await Task.Delay(Timeout.Infinite);
return 0;
